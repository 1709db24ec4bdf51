package org.alima.portal.api.documents;

import java.util.Locale;

/** What a caller may do to a document, as listed in its {@code actions}; each is one endpoint. */
enum Action {
    /** PUT or PATCH the metadata. */
    EDIT,
    /** POST …/submit: the owner hands the draft to the curators. */
    SUBMIT,
    /** POST …/publish: a curator makes it public. */
    PUBLISH,
    /** POST …/return: a curator sends it back to its owner with a comment. */
    RETURN,
    /** POST …/withdraw: takes a published document back, with a reason. */
    WITHDRAW,
    /** DELETE: removes it and its file for good. */
    DELETE,
    /** POST …/versions: uploads a new version that will supersede it once published. */
    NEW_VERSION,
    /** POST …/retry: queues a failed extraction again. */
    RETRY;

    /** The name in JSON: {@code newVersion}, {@code publish}. */
    String wireName() {
        return this == NEW_VERSION ? "newVersion" : name().toLowerCase(Locale.ROOT);
    }
}
