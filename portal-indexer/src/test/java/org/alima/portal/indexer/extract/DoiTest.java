package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoiTest {

    @Test
    void findsTheFirstDoiAndTrimsSentencePunctuation() {
        assertThat(Doi.findIn("See doi:10.1186/1752-2897-4-1. Then 10.1000/other"))
                .contains(new Doi("10.1186/1752-2897-4-1"));
        assertThat(Doi.findIn("(https://doi.org/10.1093/bmb/ldu038);")).contains(new Doi("10.1093/bmb/ldu038"));
    }

    @Test
    void keepsBracketsThatBelongToTheDoi() {
        assertThat(Doi.findIn("Lancet. doi:10.1016/S0140-6736(20)30183-5."))
                .contains(new Doi("10.1016/S0140-6736(20)30183-5"));
        assertThat(Doi.findIn("(doi:10.1016/S0140-6736(20)30183-5)"))
                .contains(new Doi("10.1016/S0140-6736(20)30183-5"));
    }

    @Test
    void dropsAHeaderWordGluedToTheDoi() {
        assertThat(Doi.findIn("doi:10.1098/rsif.2012.0921Received 5 November"))
                .contains(new Doi("10.1098/rsif.2012.0921"));
    }

    @Test
    void findsNothingWithoutARegistrantCodeOrSuffix() {
        assertThat(Doi.findIn("version 10.12/3 and 10.1234/ alone")).isEmpty();
        assertThat(Doi.findIn(null)).isEmpty();
    }
}
