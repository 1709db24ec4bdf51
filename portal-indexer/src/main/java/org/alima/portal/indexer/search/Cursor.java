package org.alima.portal.indexer.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchRequest.SortOrder;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque search-after cursor: the sort values of the last hit of a page, ending with its document id, so the next
 * page starts right after it however deep it is and whatever merges renumbered Lucene's doc ids. Stateless.
 */
final class Cursor {

    private static final String VERSION = "c1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursor() {}

    /** Every sort ends with the id, so no two documents tie and a cursor names one position exactly. */
    static Sort sort(SortOrder order) {
        SortField id = new SortField(IndexSchema.ID, SortField.Type.STRING);
        return switch (order) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, id);
            case NEWEST -> {
                SortField date = new SortField(IndexSchema.DATE, SortField.Type.LONG, true);
                date.setMissingValue(Long.MIN_VALUE);
                yield new Sort(date, id);
            }
        };
    }

    static String encode(SortOrder order, FieldDoc last) {
        return encode(order, last.fields[0], BytesRef.deepCopyOf((BytesRef) last.fields[1]).bytes);
    }

    /**
     * @param value the first sort value: the score (a Float) by relevance, the date (a Long) newest first
     * @param idBytes the document id's UTF-8 bytes
     */
    static String encode(SortOrder order, Object value, byte[] idBytes) {
        String sortValue = switch (order) {
            case RELEVANCE -> Integer.toHexString(Float.floatToIntBits(((Number) value).floatValue()));
            case NEWEST -> Long.toString(((Number) value).longValue());
        };
        String id = ENCODER.encodeToString(idBytes);
        String plain = VERSION + "|" + order.name() + "|" + sortValue + "|" + id;
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidSearchRequestException when the cursor is malformed or was made for another sort order */
    static FieldDoc decode(String cursor, SortOrder order) {
        try {
            String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw malformed(null);
            }
            if (!parts[1].equals(order.name())) {
                throw new InvalidSearchRequestException("the cursor was made for sort order " + parts[1] + ", not "
                        + order + "; start again from the first page");
            }
            Object value = switch (order) {
                case RELEVANCE -> Float.intBitsToFloat(Integer.parseUnsignedInt(parts[2], 16));
                case NEWEST -> Long.parseLong(parts[2]);
            };
            BytesRef id = new BytesRef(DECODER.decode(parts[3]));
            float score = value instanceof Float f ? f : Float.NaN;
            // Doc id MAX_VALUE: among equal sort values (only the last hit itself, ids being unique) nothing follows.
            return new FieldDoc(Integer.MAX_VALUE, score, new Object[] {value, id});
        } catch (IllegalArgumentException | ClassCastException e) {
            throw malformed(e);
        }
    }

    private static InvalidSearchRequestException malformed(Throwable cause) {
        return new InvalidSearchRequestException(
                "the cursor is not one this server produced; pass nextCursor unchanged", cause);
    }
}
