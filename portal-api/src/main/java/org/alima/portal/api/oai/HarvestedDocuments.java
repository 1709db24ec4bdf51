package org.alima.portal.api.oai;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What OAI-PMH reads of documents, answered by the documents feature, which owns their tables; thread-safe, each method
 * in a read-only transaction of its own. Only documents harvesters may know of exist here: published ones, withdrawn
 * ones and the tombstones of deleted ones (both as deleted records). Drafts and submissions never appear.
 */
public interface HarvestedDocuments {

    /** One page of records in (datestamp, id) order after the query's position, with how many match in all. */
    HarvestPage page(HarvestQuery query);

    /** The record of the document, if harvesters may know of it. */
    Optional<HarvestedRecord> find(UUID id);

    /** The names of the document types, each a set, e.g. {@code operating_procedure}. */
    List<String> documentTypes();

    /** The datestamp of the oldest record, or empty while there is none. */
    Optional<Instant> earliestDatestamp();
}
