package org.alima.portal.indexer.bench;

/**
 * One contender's figures in one benchmark, immutable.
 *
 * @param units what was processed: pages, documents or searches
 * @param cpuSeconds CPU consumed (this process, or its children for external tools)
 */
record Measurement(String contender, int workers, long units, double seconds, double cpuSeconds) {

    double perSecond() {
        return units / seconds;
    }

    double cpuSecondsPerThousand() {
        return cpuSeconds / units * 1000;
    }
}
