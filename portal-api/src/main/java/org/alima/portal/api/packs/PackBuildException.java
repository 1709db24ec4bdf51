package org.alima.portal.api.packs;

/**
 * Why a pack could not be built, in words for the reader who asked for it; the cause, when there is one, is for the
 * log. Kept by {@link PackCache} and answered ({@link PackUnavailableException}) until the build may be tried again.
 */
final class PackBuildException extends RuntimeException {

    PackBuildException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
