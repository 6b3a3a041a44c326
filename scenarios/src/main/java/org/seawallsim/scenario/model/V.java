package org.seawallsim.scenario.model;

import java.util.List;
import java.util.Map;
import org.seawallsim.scenario.yaml.Loc;

/**
 * A validated value with the location it came from (defaults carry the location of the enclosing object). The value
 * is a {@code Map<String, V>}, {@code List<V>}, String, Long, Double, Boolean or null.
 */
public record V(Object value, Loc loc) {
    @SuppressWarnings("unchecked")
    public Map<String, V> map() {
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    public List<V> list() {
        return (List<V>) value;
    }

    public V get(String key) {
        return map().get(key);
    }

    public String str(String key) {
        V v = get(key);
        return v == null || v.value == null ? null : (String) v.value;
    }

    public double num(String key) {
        return ((Number) get(key).value).doubleValue();
    }

    public long integer(String key) {
        return ((Number) get(key).value).longValue();
    }

    public boolean bool(String key) {
        return (Boolean) get(key).value;
    }

    public boolean has(String key) {
        V v = get(key);
        return v != null && v.value != null;
    }
}
