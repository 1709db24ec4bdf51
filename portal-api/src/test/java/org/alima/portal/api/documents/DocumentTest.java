package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.indexing.ProcessingFailure;
import org.alima.portal.api.system.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The workflow's rules, status by status and viewer by viewer; the HTTP answers are checked in DocumentAccessIT. */
class DocumentTest {

    private static final UUID OWNER = UUID.randomUUID();

    @ParameterizedTest(name = "{0} {1} document: {2} may {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # status  | file    | viewer    | actions
            draft     | indexed | anonymous |
            draft     | indexed | owner     | edit submit delete
            draft     | indexed | other     |
            draft     | indexed | curator   | edit publish
            draft     | indexed | admin     | edit publish delete
            draft     | failed  | owner     | edit submit delete retry
            draft     | failed  | curator   | edit publish retry
            submitted | indexed | anonymous |
            submitted | indexed | owner     |
            submitted | indexed | other     |
            submitted | indexed | curator   | edit publish return
            submitted | indexed | admin     | edit publish return delete
            published | indexed | anonymous |
            published | indexed | owner     | withdraw newVersion
            published | indexed | other     |
            published | indexed | curator   | edit withdraw newVersion
            published | indexed | admin     | edit withdraw delete newVersion
            published | failed  | owner     | withdraw newVersion retry
            withdrawn | indexed | anonymous |
            withdrawn | indexed | owner     | newVersion
            withdrawn | indexed | other     |
            withdrawn | indexed | curator   | newVersion
            withdrawn | failed  | admin     | delete newVersion
            """)
    void listsWhatEachViewerMayDoInEachStatus(String status, String file, String viewer, String actions) {
        Document document = document(DocumentStatus.of(status), file, false);

        Set<String> expected = actions == null ? Set.of() : Set.of(actions.split(" "));
        assertThat(document.actionsOf(viewer(viewer)).stream().map(Action::wireName))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} document: seen by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # status  | page seen by                       | file served to
            draft     | owner curator admin                | owner curator admin
            submitted | owner curator admin                | owner curator admin
            published | anonymous owner other curator admin | anonymous owner other curator admin
            withdrawn | anonymous owner other curator admin | owner curator admin
            """)
    void showsDraftsOnlyToTheirOwnerAndCuratorsAndWithdrawnFilesToNoReader(
            String status, String pageSeenBy, String fileServedTo) {
        Document document = document(DocumentStatus.of(status), "indexed", false);

        for (String viewer : new String[] {"anonymous", "owner", "other", "curator", "admin"}) {
            assertThat(document.isVisibleTo(viewer(viewer)))
                    .as("page seen by " + viewer)
                    .isEqualTo(Arrays.asList(pageSeenBy.split(" ")).contains(viewer));
            assertThat(document.isFileServedTo(viewer(viewer)))
                    .as("file served to " + viewer)
                    .isEqualTo(Arrays.asList(fileServedTo.split(" ")).contains(viewer));
        }
    }

    @Test
    void offersNoNewVersionOfADocumentThatAlreadyHasOne() {
        Document document = document(DocumentStatus.PUBLISHED, "indexed", true);

        assertThat(document.actionsOf(viewer("owner"))).containsExactly(Action.WITHDRAW);
        assertThatThrownBy(() -> document.require(viewer("owner"), Action.NEW_VERSION))
                .isInstanceOf(TransitionConflictException.class)
                .hasMessageContaining("already has a newer version");
    }

    @Test
    void answersNotFoundToAnotherAccountThenForbiddenThenConflict() {
        Document draft = document(DocumentStatus.DRAFT, "indexed", false);
        Document published = document(DocumentStatus.PUBLISHED, "indexed", false);

        assertThatThrownBy(() -> draft.require(viewer("other"), Action.PUBLISH)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> draft.require(viewer("owner"), Action.PUBLISH))
                .isInstanceOf(ActionForbiddenException.class)
                .hasMessageContaining("only a curator may publish it");
        assertThatThrownBy(() -> published.require(viewer("curator"), Action.PUBLISH))
                .isInstanceOf(TransitionConflictException.class)
                .hasMessageContaining("its status is published")
                .hasMessageContaining("What you may do now: edit, withdraw, newVersion.");
    }

    @Test
    void namesAWithdrawnDocumentsConflictAsSuch() {
        Document withdrawn = document(DocumentStatus.WITHDRAWN, "extracted", false);

        assertThatThrownBy(() -> withdrawn.require(viewer("curator"), Action.EDIT))
                .isInstanceOfSatisfying(
                        TransitionConflictException.class,
                        e -> assertThat(e.problem().code()).isEqualTo("document-withdrawn"));
        assertThatThrownBy(() ->
                        document(DocumentStatus.SUBMITTED, "indexed", false).require(viewer("owner"), Action.SUBMIT))
                .isInstanceOfSatisfying(
                        TransitionConflictException.class,
                        e -> assertThat(e.problem().code()).isEqualTo("invalid-transition"));
    }

    private static Viewer viewer(String who) {
        return switch (who) {
            case "anonymous" -> Viewer.ANONYMOUS;
            case "owner" -> new Viewer(OWNER, Role.CONTRIBUTOR);
            case "other" -> new Viewer(UUID.randomUUID(), Role.CONTRIBUTOR);
            default -> new Viewer(UUID.randomUUID(), Role.valueOf(who.toUpperCase(Locale.ROOT)));
        };
    }

    private static Document document(DocumentStatus status, String extraction, boolean hasNewerVersion) {
        UUID id = UUID.randomUUID();
        return new Document(
                id,
                DocumentMetadata.empty(),
                status,
                OWNER,
                "Owner",
                null,
                status == DocumentStatus.WITHDRAWN ? "wrong data" : null,
                1,
                null,
                null,
                id,
                hasNewerVersion,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                new DocumentResponse.FileResponse(
                        "a.txt",
                        "text/plain",
                        1,
                        "a".repeat(64),
                        1,
                        null,
                        false,
                        extraction,
                        extraction.equals("failed") ? "damaged" : null,
                        extraction.equals("failed") ? ProcessingFailure.MALFORMED : null,
                        null,
                        "/api/documents/" + id + "/file"),
                List.of(),
                null);
    }
}
