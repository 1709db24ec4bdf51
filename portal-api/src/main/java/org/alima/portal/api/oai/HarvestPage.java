package org.alima.portal.api.oai;

import java.util.List;

/**
 * A page of records and the size of the whole list they belong to. Immutable.
 *
 * @param records in (datestamp, id) order
 * @param total how many records match the query from its beginning, pages before this one included
 * @param before how many of those come before this page (the position the page starts from)
 */
public record HarvestPage(List<HarvestedRecord> records, long total, long before) {}
