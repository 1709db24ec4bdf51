package org.alima.portal.api.oai;

import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A request's verb and arguments, checked against what the verb allows (OAI-PMH 2.0, section 4): every argument it
 * needs, none it does not know, none repeated, an exclusive {@code resumptionToken} alone. Immutable.
 *
 * @param arguments every argument but the verb, each with its one value, in the order given
 */
record OaiRequest(Verb verb, Map<String, String> arguments) {

    static final String IDENTIFIER = "identifier";
    static final String METADATA_PREFIX = "metadataPrefix";
    static final String FROM = "from";
    static final String UNTIL = "until";
    static final String SET = "set";
    static final String RESUMPTION_TOKEN = "resumptionToken";

    /** The schema's patterns for the arguments that the answer repeats in its {@code request} element. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+");

    private static final Pattern SET_SPEC = Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+(:[A-Za-z0-9\\-_.!~*'()]+)*");

    /** The six verbs, each with the arguments it needs and those it may take. */
    enum Verb {
        IDENTIFY("Identify", Set.of(), Set.of(), false),
        LIST_METADATA_FORMATS("ListMetadataFormats", Set.of(), Set.of(IDENTIFIER), false),
        LIST_SETS("ListSets", Set.of(), Set.of(), true),
        GET_RECORD("GetRecord", Set.of(IDENTIFIER, METADATA_PREFIX), Set.of(), false),
        LIST_IDENTIFIERS("ListIdentifiers", Set.of(METADATA_PREFIX), Set.of(FROM, UNTIL, SET), true),
        LIST_RECORDS("ListRecords", Set.of(METADATA_PREFIX), Set.of(FROM, UNTIL, SET), true);

        private final String wireName;
        private final Set<String> required;
        private final Set<String> optional;
        private final boolean resumable;

        Verb(String wireName, Set<String> required, Set<String> optional, boolean resumable) {
            this.wireName = wireName;
            this.required = required;
            this.optional = optional;
            this.resumable = resumable;
        }

        String wireName() {
            return wireName;
        }

        private boolean allows(String argument) {
            return required.contains(argument)
                    || optional.contains(argument)
                    || (resumable && RESUMPTION_TOKEN.equals(argument));
        }
    }

    /**
     * Checks the arguments of a request, as GET's query or POST's form gave them.
     *
     * @throws OaiException badVerb when the verb is missing, repeated or unknown; badArgument for the rest
     */
    static OaiRequest parse(Map<String, List<String>> given) {
        Verb verb = verb(given.get("verb"));
        Map<String, String> arguments = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, List<String>> argument : given.entrySet()) {
            String name = argument.getKey();
            if ("verb".equals(name)) {
                continue;
            }
            if (!verb.allows(name)) {
                unknown.add(name);
                continue;
            }
            if (argument.getValue().size() != 1) {
                throw bad("The argument " + name + " is repeated; give it once.");
            }
            String value = argument.getValue().get(0);
            if (value.isEmpty()) {
                throw bad("The argument " + name + " is empty; give it a value or leave it out.");
            }
            arguments.put(name, value);
        }
        if (!unknown.isEmpty()) {
            throw bad(verb.wireName + " does not take " + String.join(", ", unknown) + "; it takes "
                    + (verb.required.isEmpty() && verb.optional.isEmpty() && !verb.resumable
                            ? "no argument"
                            : String.join(", ", new TreeSet<>(allArguments(verb))))
                    + ".");
        }
        if (arguments.containsKey(RESUMPTION_TOKEN)) {
            if (arguments.size() > 1) {
                throw bad("The resumptionToken is exclusive: send it alone with the verb, since it carries the other"
                        + " arguments of the list.");
            }
        } else {
            for (String needed : new TreeSet<>(verb.required)) {
                if (!arguments.containsKey(needed)) {
                    throw bad(verb.wireName + " needs the argument " + needed + ".");
                }
            }
        }
        String prefix = arguments.get(METADATA_PREFIX);
        if (prefix != null && !PREFIX.matcher(prefix).matches()) {
            throw bad("The metadataPrefix " + prefix + " is not a metadata prefix; ListMetadataFormats lists them.");
        }
        String set = arguments.get(SET);
        if (set != null && !SET_SPEC.matcher(set).matches()) {
            throw bad("The set " + set + " is not a setSpec; ListSets lists them.");
        }
        return new OaiRequest(verb, Map.copyOf(arguments));
    }

    @Nullable
    String argument(String name) {
        return arguments.get(name);
    }

    private static Set<String> allArguments(Verb verb) {
        Set<String> all = new TreeSet<>(verb.required);
        all.addAll(verb.optional);
        if (verb.resumable) {
            all.add(RESUMPTION_TOKEN);
        }
        return all;
    }

    private static Verb verb(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new OaiException(OaiError.BAD_VERB, "No verb: give one of " + names() + ".");
        }
        if (values.size() > 1) {
            throw new OaiException(OaiError.BAD_VERB, "The verb is repeated; give one of " + names() + " once.");
        }
        for (Verb verb : Verb.values()) {
            if (verb.wireName.equals(values.get(0))) {
                return verb;
            }
        }
        throw new OaiException(
                OaiError.BAD_VERB, "Unknown verb " + values.get(0) + "; give one of " + names() + " (case matters).");
    }

    private static String names() {
        return "Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords, GetRecord";
    }

    private static OaiException bad(String message) {
        return new OaiException(OaiError.BAD_ARGUMENT, message);
    }
}
