package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.alima.portal.indexer.extract.MetadataDoubts.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataDoubtsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "EHR-BSIReportingProtocol | FILE_NAME",
                "x.docx | FILE_NAME",
                "EHR_BSI_Protocol | FILE_NAME",
                "CMR10 | FILE_NAME",
                "EPIDEMIOLOGY | ALL_CAPITALS",
                "GUIDE DE PRISE EN CHARGE DU CHOLERA | ALL_CAPITALS",
                "Fiche GP | GENERIC_WORD",
                "Document | GENERIC_WORD",
                "Untitled | GENERIC_WORD",
                "Sans titre | GENERIC_WORD",
                "Microsoft Word - Plan de riposte | GENERIC_WORD",
                "Template | GENERIC_WORD",
                "OMS | GENERIC_WORD",
            })
    void flagsTitlesThatAreFileNamesGenericWordsOrCapitals(String title, Reason reason) {
        assertThat(MetadataDoubts.ofTitle(title)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Prise en charge du paludisme grave",
                "Management of severe acute malnutrition in children",
                "Fiche technique : prise en charge de la rougeole",
                "COVID-19 vaccination in West Africa",
                "Malaria",
                "할인점·주유·온라인쇼핑몰 빅포인트 적립",
            })
    void offersTitlesAPersonWouldWrite(String title) {
        assertThat(MetadataDoubts.ofTitle(title)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "cforsber | USER_NAME",
                "ghislaine.palix-cant | EMAIL_LOCAL_PART",
                "j_doe | EMAIL_LOCAL_PART",
                "someone@example.org | EMAIL_LOCAL_PART",
                "user1 | USER_NAME",
                "Administrator | USER_NAME",
                "Utilisateur | USER_NAME",
            })
    void flagsAuthorsThatLookLikeAccounts(String name, Reason reason) {
        assertThat(MetadataDoubts.ofAuthor(name)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ghislaine Palix",
                "Lee, Ann",
                "UNICEF",
                "Alima",
                "Jean-Pierre Diallo",
                "Médecins Sans Frontières"
            })
    void offersAuthorsThatNamePeopleOrOrganisations(String name) {
        assertThat(MetadataDoubts.ofAuthor(name)).isEmpty();
    }
}
