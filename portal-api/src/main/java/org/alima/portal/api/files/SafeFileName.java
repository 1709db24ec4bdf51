package org.alima.portal.api.files;

import java.text.Normalizer;

/**
 * A file name as the uploader gave it, made safe to store, show and send back in Content-Disposition: only its last
 * path segment, NFC-normalised, without control characters, unpaired surrogates or characters that Windows forbids,
 * at most 255 characters. Immutable.
 */
public record SafeFileName(String value) {

    private static final int MAX_LENGTH = 255;

    public SafeFileName {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a safe file name has 1.." + MAX_LENGTH + " characters");
        }
    }

    /** Never fails: a name with nothing usable left becomes {@code upload}, keeping a recognisable extension. */
    public static SafeFileName of(String raw) {
        String name = raw == null ? "" : raw;
        // Both separators: a browser on Windows sends C:\Users\...\file.pdf.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                kept.append(c).append(name.charAt(++i));
            } else if (!Character.isISOControl(c)
                    && !Character.isSurrogate(c)
                    && "<>:\"|?*".indexOf(c) < 0
                    && Character.getType(c) != Character.FORMAT) {
                kept.append(c);
            }
        }
        String cleaned =
                Normalizer.normalize(kept.toString(), Normalizer.Form.NFC).strip();
        // Leading dots would hide the file (or be "." and "..") on the machine that downloads it.
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.isBlank()) {
            cleaned = "upload";
        }
        if (cleaned.length() > MAX_LENGTH) {
            int dot = cleaned.lastIndexOf('.');
            String extension = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
            int cut = MAX_LENGTH - extension.length();
            if (Character.isHighSurrogate(cleaned.charAt(cut - 1))) {
                cut--;
            }
            cleaned = cleaned.substring(0, cut) + extension;
        }
        return new SafeFileName(cleaned);
    }

    public boolean hasExtension(String... extensions) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        for (String extension : extensions) {
            if (lower.endsWith(extension)) {
                return true;
            }
        }
        return false;
    }
}
