package dev.hoist.registry;

import java.util.List;
import java.util.Set;

/** One entry of a token's {@code access} claim: what may be done on one resource, as Docker's registry writes it. */
public record Grant(String type, String name, Set<String> actions) {

    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";

    public boolean allows(String type, String name, String action) {
        return this.type.equals(type) && this.name.equals(name) && (actions.contains(action) || actions.contains("*"));
    }

    /** Parses {@code repository:ns/name:pull,push}; null when the scope is malformed. */
    public static Grant parseScope(String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first <= 0 || last == first) {
            return null;
        }
        Set<String> actions = Set.copyOf(List.of(scope.substring(last + 1).split(",")));
        return new Grant(scope.substring(0, first), scope.substring(first + 1, last), actions);
    }

    public String toScope() {
        return type + ":" + name + ":" + String.join(",", actions.stream().sorted().toList());
    }
}
