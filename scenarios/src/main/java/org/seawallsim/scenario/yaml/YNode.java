package org.seawallsim.scenario.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every key and value came from, so that validation can point at the
 * exact line and column. Jackson's own {@code JsonNode} drops locations, which is why the loader builds this instead.
 * Nodes are mutable only while overrides ({@code --set}) and sweep points are applied to a private copy.
 */
public sealed interface YNode permits YNode.Scalar, YNode.Mapping, YNode.Sequence {
    Loc loc();

    YNode copy();

    /** What kind of YAML token a scalar came from; quoted numbers stay strings. */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    record Scalar(String text, Kind kind, Loc loc) implements YNode {
        @Override
        public YNode copy() {
            return this;
        }

        public String describe() {
            return kind == Kind.NULL ? "null" : kind == Kind.STRING ? "\"" + text + "\"" : text;
        }
    }

    /** One key of a mapping with the location of the key itself. */
    record Entry(String key, Loc keyLoc, YNode value) {
    }

    final class Mapping implements YNode {
        private final Loc loc;
        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

        public Mapping(Loc loc) {
            this.loc = loc;
        }

        @Override
        public Loc loc() {
            return loc;
        }

        public Map<String, Entry> entries() {
            return entries;
        }

        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public void put(String key, Loc keyLoc, YNode value) {
            entries.put(key, new Entry(key, keyLoc, value));
        }

        @Override
        public Mapping copy() {
            Mapping m = new Mapping(loc);
            for (Entry e : entries.values()) {
                m.put(e.key(), e.keyLoc(), e.value().copy());
            }
            return m;
        }
    }

    final class Sequence implements YNode {
        private final Loc loc;
        private final List<YNode> items = new ArrayList<>();

        public Sequence(Loc loc) {
            this.loc = loc;
        }

        @Override
        public Loc loc() {
            return loc;
        }

        public List<YNode> items() {
            return items;
        }

        @Override
        public Sequence copy() {
            Sequence s = new Sequence(loc);
            for (YNode n : items) {
                s.items.add(n.copy());
            }
            return s;
        }
    }
}
