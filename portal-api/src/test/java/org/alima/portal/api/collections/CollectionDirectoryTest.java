package org.alima.portal.api.collections;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CollectionDirectoryTest {

    private static final Instant T1 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant T2 = T1.plusMillis(1);

    private static final Viewer CONTRIBUTOR = new Viewer(UUID.randomUUID(), Role.CONTRIBUTOR);
    private static final Viewer CURATOR = new Viewer(UUID.randomUUID(), Role.CURATOR);

    private final CollectionDirectory directory = new CollectionDirectory();

    @Nested
    class WhoSeesWhat {

        @Test
        void showsPublicCollectionsToEveryoneAndPrivateOnesToCuratorsOnly() {
            directory.load(List.of(collection("open-one", "public", T1), collection("closed-one", "private", T1)));

            assertThat(directory.isVisibleTo("open-one", Viewer.ANONYMOUS)).isTrue();
            assertThat(directory.isVisibleTo("open-one", CONTRIBUTOR)).isTrue();
            assertThat(directory.isVisibleTo("closed-one", Viewer.ANONYMOUS)).isFalse();
            assertThat(directory.isVisibleTo("closed-one", CONTRIBUTOR)).isFalse();
            assertThat(directory.isVisibleTo("closed-one", CURATOR)).isTrue();
        }

        @Test
        void hidesFromReadersASlugItDoesNotKnowSoThatNothingLeaksBeforeItIsLoaded() {
            assertThat(directory.isLoaded()).isFalse();
            assertThat(directory.isVisibleTo("anything", Viewer.ANONYMOUS)).isFalse();
            assertThat(directory.isVisibleTo("anything", CURATOR)).isTrue();
        }

        @Test
        void comparesSlugsAsTheIndexDoesIgnoringCaseAndAccents() {
            directory.record(collection("closed-one", "private", T1));
            directory.record(collection("open-one", "public", T1));

            assertThat(directory.isVisibleTo("Open-One", Viewer.ANONYMOUS)).isTrue();
            assertThat(directory.isVisibleTo("ópen-one", Viewer.ANONYMOUS)).isTrue();
            assertThat(directory.isVisibleTo("CLOSED-ONE", Viewer.ANONYMOUS)).isFalse();
        }

        @Test
        void tellsSearchThePublicOnesForReadersAndEveryOneForCurators() {
            directory.load(List.of(
                    collection("b-open", "public", T1),
                    collection("a-closed", "private", T1),
                    collection("c-open", "public", T1)));

            assertThat(directory.knownTo(Viewer.ANONYMOUS))
                    .hasValueSatisfying(known -> assertThat(known).containsExactlyInAnyOrder("b-open", "c-open"));
            assertThat(directory.knownTo(CONTRIBUTOR))
                    .hasValueSatisfying(known -> assertThat(known).containsExactlyInAnyOrder("b-open", "c-open"));
            assertThat(directory.knownTo(CURATOR)).isEmpty();
        }
    }

    @Nested
    class Revisions {

        @Test
        void keepsTheLaterOfTwoChangesWhateverTheOrderTheyArrive() {
            directory.record(collection("flip-flop", "private", T2));
            directory.record(collection("flip-flop", "public", T1));

            assertThat(directory.isVisibleTo("flip-flop", Viewer.ANONYMOUS)).isFalse();
        }

        @Test
        void aLoadOlderThanAChangeDoesNotUndoIt() {
            directory.record(collection("was-closed", "public", T2));

            directory.load(List.of(collection("was-closed", "private", T1)));

            assertThat(directory.isVisibleTo("was-closed", Viewer.ANONYMOUS)).isTrue();
        }

        @Test
        void forgetsADeletedCollectionUnlessItWasMadeAgainLater() {
            directory.record(collection("gone-one", "public", T1));
            directory.forget("gone-one", T2);
            directory.record(collection("gone-one", "public", T1));

            assertThat(directory.isVisibleTo("gone-one", Viewer.ANONYMOUS)).isFalse();

            directory.record(collection("gone-one", "public", T2.plusMillis(1)));

            assertThat(directory.isVisibleTo("gone-one", Viewer.ANONYMOUS)).isTrue();
        }
    }

    @Nested
    class ChangesMadeOnOtherNodes {

        @Test
        void aReloadShowsAVisibilityChangedElsewhere() {
            directory.load(List.of(collection("turned", "public", T1)));

            directory.reload(List.of(collection("turned", "private", T2)), T2.plusSeconds(1));

            assertThat(directory.isVisibleTo("turned", Viewer.ANONYMOUS)).isFalse();
        }

        @Test
        void aReloadForgetsACollectionDeletedElsewhere() {
            directory.load(List.of(collection("deleted-elsewhere", "public", T1), collection("kept", "public", T1)));

            directory.reload(List.of(collection("kept", "public", T1)), T2);

            assertThat(directory.isVisibleTo("deleted-elsewhere", Viewer.ANONYMOUS))
                    .isFalse();
            assertThat(directory.isVisibleTo("kept", Viewer.ANONYMOUS)).isTrue();
        }

        @Test
        void aReloadKeepsWhatThisNodeRecordedWhileItRead() {
            Instant readFrom = T1;
            directory.record(collection("just-made", "public", T2));

            directory.reload(List.of(), readFrom);

            assertThat(directory.isVisibleTo("just-made", Viewer.ANONYMOUS)).isTrue();
        }
    }

    @Test
    void neverTouchesTheDatabaseSoThatSearchCanAskItWhilePostgresqlIsDown() {
        noClasses()
                .that()
                .haveSimpleName("CollectionDirectory")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "io.micronaut.data..", "io.micronaut.transaction..")
                .check(new ClassFileImporter().importClasses(CollectionDirectory.class));
    }

    private static StoredCollection collection(String slug, String visibility, Instant revision) {
        return new StoredCollection(
                UUID.randomUUID(),
                slug,
                new Localized(null, slug),
                new Localized(null, null),
                Visibility.of(visibility),
                false,
                T1,
                revision);
    }
}
