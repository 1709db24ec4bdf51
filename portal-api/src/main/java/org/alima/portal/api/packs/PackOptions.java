package org.alima.portal.api.packs;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;

/**
 * Which files a pack carries: every PDF ({@code files=all}, the default), none ({@code files=none}: metadata and
 * search only), and with {@code maxFileBytes} only the PDFs up to that size, so that a pack fits a phone. Immutable.
 *
 * @param maxFileBytes the largest PDF included, in bytes; {@link Long#MAX_VALUE} for no limit
 */
record PackOptions(boolean files, long maxFileBytes) {

    static final PackOptions DEFAULT = new PackOptions(true, Long.MAX_VALUE);

    /**
     * The options of the query string, as given (null when absent).
     *
     * @throws InvalidInputException naming {@code files} or {@code maxFileBytes}, with the values accepted
     */
    static PackOptions of(@Nullable String files, @Nullable String maxFileBytes) {
        List<FieldError> errors = new ArrayList<>();
        boolean withFiles = true;
        if (files != null && !files.equals("all")) {
            if (files.equals("none")) {
                withFiles = false;
            } else {
                errors.add(new FieldError(
                        "files",
                        "must be all (every PDF, the default) or none (metadata and search only), was '" + files
                                + "'"));
            }
        }
        long limit = Long.MAX_VALUE;
        if (maxFileBytes != null) {
            try {
                limit = Long.parseLong(maxFileBytes);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                errors.add(new FieldError(
                        "maxFileBytes",
                        "must be a whole number of bytes, 0 or more (such as 5000000 for 5 MB), was '" + maxFileBytes
                                + "'; leave it out to include every PDF"));
            } else if (!withFiles) {
                errors.add(new FieldError(
                        "maxFileBytes",
                        "cannot be given with files=none, which includes no PDF; leave one of them out"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new PackOptions(withFiles, limit);
    }

    /** Whether a PDF of {@code bytes} goes in. */
    boolean includes(long bytes) {
        return files && bytes <= maxFileBytes;
    }

    /**
     * A short name of these options, safe as a folder name: {@code all}, {@code none} or {@code max-<bytes>}. Packs of
     * one collection with different options are different files, each replaced by its own newer versions only.
     */
    String key() {
        if (!files) {
            return "none";
        }
        return maxFileBytes == Long.MAX_VALUE ? "all" : "max-" + maxFileBytes;
    }
}
