package fableforge.fake.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validator's errors as one-line messages that start with the field they are about.
 *
 * <p>A failed {@code oneOf}/{@code anyOf} makes the validator report every branch's errors: a message with
 * a wrong {@code role} gives six "does not have a value in the enumeration" lines and some missing
 * properties of message kinds it never was. A branch whose tag ({@code role}, {@code type}: a property
 * with a single allowed value) or whose JSON type does not match the value is not the one the sender
 * meant, so its errors are dropped when another branch is left; when none is left, the lot becomes one
 * line naming what was sent and what the field takes.
 */
final class SchemaMessages {

    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf");

    private SchemaMessages() {
    }

    static List<String> describe(List<Error> errors) {
        List<Object> lines = new ArrayList<>(errors); // an Error, or a String that replaced a group of them
        Set<String> done = new LinkedHashSet<>();
        for (String composite : composites(errors)) {
            if (done.add(composite)) {
                collapse(composite, lines);
            }
        }
        return lines.stream()
                .map(line -> line instanceof Error error ? describe(error) : (String) line)
                .toList();
    }

    static String describe(Error error) {
        return field(error.getInstanceLocation()) + ": " + error.getMessage();
    }

    /** Evaluation-path prefixes ending in oneOf/anyOf, outermost first, so inner ones see what is left. */
    private static Set<String> composites(List<Error> errors) {
        Set<String> prefixes = new TreeSet<>(Comparator.comparingInt((String p) -> p.split("/").length)
                .thenComparing(Comparator.naturalOrder()));
        for (Error error : errors) {
            NodePath path = error.getEvaluationPath();
            for (int i = 0; i + 1 < path.getNameCount(); i++) {
                if (COMBINATORS.contains(path.getName(i)) && isIndex(path.getName(i + 1))) {
                    prefixes.add(prefix(path, i + 1));
                }
            }
        }
        return prefixes;
    }

    private static void collapse(String composite, List<Object> lines) {
        int depth = composite.split("/").length - 1; // names in the prefix "/a/b/oneOf"
        Error own = null;
        Map<String, List<Error>> branches = new LinkedHashMap<>();
        for (Object line : lines) {
            if (line instanceof Error error) {
                NodePath path = error.getEvaluationPath();
                if (prefix(path, path.getNameCount()).equals(composite)) {
                    own = error;
                } else if (path.getNameCount() > depth && prefix(path, depth).equals(composite)) {
                    branches.computeIfAbsent(path.getName(depth), b -> new ArrayList<>()).add(error);
                }
            }
        }
        if (branches.isEmpty()) {
            return; // e.g. "valid to more than one schema": nothing to narrow
        }
        Map<String, Mismatch> ruledOut = new LinkedHashMap<>();
        branches.forEach((branch, errors) -> {
            Mismatch mismatch = mismatch(errors, depth + 1);
            if (mismatch != null) {
                ruledOut.put(branch, mismatch);
            }
        });
        List<Error> drop = new ArrayList<>();
        ruledOut.keySet().forEach(branch -> drop.addAll(branches.get(branch)));
        if (own != null) {
            drop.add(own);
        }
        if (ruledOut.size() < branches.size()) {
            lines.removeIf(line -> drop.stream().anyMatch(error -> error == line));
            return;
        }
        String summary = summary(ruledOut.values());
        int at = lines.indexOf(drop.get(0));
        lines.removeIf(line -> drop.stream().anyMatch(error -> error == line));
        lines.add(Math.min(at, lines.size()), summary);
    }

    /** Why a branch is not the one meant: the value's JSON type, or a tag property's value, differs. */
    private static Mismatch mismatch(List<Error> errors, int branchDepth) {
        for (Error error : errors) {
            List<String> rest = new ArrayList<>();
            NodePath path = error.getEvaluationPath();
            for (int i = branchDepth; i < path.getNameCount(); i++) {
                if (!path.getName(i).equals("$ref")) {
                    rest.add(path.getName(i));
                }
            }
            if (rest.equals(List.of("type")) && error.getArguments().length >= 2) {
                return new Mismatch(field(error.getInstanceLocation()), null,
                        String.valueOf(error.getArguments()[0]), String.valueOf(error.getArguments()[1]));
            }
            boolean tag = rest.size() == 3 && rest.get(0).equals("properties")
                    && (rest.get(2).equals("enum") && error.getSchemaNode().size() == 1 || rest.get(2).equals("const"));
            if (tag) {
                JsonNode allowed = error.getSchemaNode();
                return new Mismatch(field(error.getInstanceLocation().getParent()), rest.get(1),
                        error.getInstanceNode().toString(), allowed.isArray() ? allowed.get(0).asText() : allowed.asText());
            }
        }
        return null;
    }

    private static String summary(Collection<Mismatch> mismatches) {
        Mismatch first = mismatches.iterator().next();
        boolean sameTag = first.tag() != null
                && mismatches.stream().allMatch(m -> first.tag().equals(m.tag()) && first.field().equals(m.field()));
        Set<String> expected = new LinkedHashSet<>();
        mismatches.forEach(m -> expected.add(m.tag() == null || sameTag ? m.expected() : m.tag() + "=" + m.expected()));
        if (sameTag) {
            return first.field() + "." + first.tag() + ": " + first.found() + " is not one of " + String.join(", ",
                    expected);
        }
        boolean allTypes = mismatches.stream().allMatch(m -> m.tag() == null);
        return first.field() + ": " + (allTypes ? first.found() + " found, expected " : "matches none of its forms: ")
                + String.join(" or ", expected);
    }

    /** The instance location as a field path: {@code messages[0].role}, or {@code (request)} for the root. */
    static String field(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            String name = location.getName(i);
            if (location.getElement(i) instanceof Integer) {
                path.append('[').append(name).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(name);
            }
        }
        return path.isEmpty() ? "(request)" : path.toString();
    }

    private static String prefix(NodePath path, int count) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < count; i++) {
            prefix.append('/').append(path.getName(i));
        }
        return prefix.toString();
    }

    private static boolean isIndex(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private record Mismatch(String field, String tag, String found, String expected) {
    }
}
