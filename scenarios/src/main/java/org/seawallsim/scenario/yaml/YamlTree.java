package org.seawallsim.scenario.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Parses YAML text into a located {@link YNode} tree with Jackson's streaming YAML parser. */
public final class YamlTree {
    private static final YAMLFactory FACTORY = new PlainAwareFactory();

    /**
     * Digits the YAML 1.1 resolver leaves as text when written plain: {@code 08}, {@code 019} (not octal, so not
     * numbers to it) while {@code 010} is an integer. The format reads integers in decimal digits, so these are
     * integers too (8, 19), and {@code 0o17}, YAML 1.2's octal, is an integer the binder refuses as not decimal.
     */
    private static final java.util.regex.Pattern PLAIN_INTEGER = java.util.regex.Pattern.compile(
            "[-+]?[0-9][0-9_]*|[-+]?0o[0-7_]+");

    /** Jackson's YAML factory with parsers that say whether a scalar was written plain (no quotes, no tag). */
    private static final class PlainAwareFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        @Override
        protected YAMLParser _createParser(java.io.Reader r, com.fasterxml.jackson.core.io.IOContext ctxt) {
            return new PlainAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }

        @Override
        protected YAMLParser _createParser(char[] data, int offset, int len,
                com.fasterxml.jackson.core.io.IOContext ctxt, boolean recyclable) {
            return _createParser(new java.io.CharArrayReader(data, offset, len), ctxt);
        }
    }

    private static final class PlainAwareParser extends YAMLParser {
        PlainAwareParser(com.fasterxml.jackson.core.io.IOContext ctxt, int parserFeatures, int yamlFeatures,
                org.yaml.snakeyaml.LoaderOptions options, com.fasterxml.jackson.core.ObjectCodec codec,
                java.io.Reader r) {
            super(ctxt, parserFeatures, yamlFeatures, options, codec, r);
        }

        /** Whether the scalar token just read was written without quotes and without a tag ({@code !!str 08}). */
        boolean plainScalar() {
            return _lastEvent instanceof org.yaml.snakeyaml.events.ScalarEvent e && e.isPlain() && e.getTag() == null;
        }
    }

    private YamlTree() {
    }

    /** A syntax error, or a structural one such as a duplicate key, with its position. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final Loc loc;

        public SyntaxError(Loc loc, String message) {
            super(message);
            this.loc = loc;
        }

        public Loc loc() {
            return loc;
        }
    }

    /**
     * Most nodes a document may hold once its aliases are expanded: a scenario file has a few hundred, and a
     * "billion laughs" file (aliases of aliases, each doubling the tree) reaches this within a few levels.
     */
    public static final int MAX_NODES = 100_000;

    /**
     * Parses one document. An empty document gives an empty mapping. Duplicate keys are errors (YAML forbids them,
     * and silently keeping the last one would hide a mistake). Anchors ({@code &name}), aliases ({@code *name}) and
     * merge keys ({@code <<: *name}, keys given beside it win) are expanded, to at most {@link #MAX_NODES} nodes;
     * an expanded node keeps the location of the anchored text. Anchors must be on mappings or lists.
     */
    public static YNode parse(String text, String file, List<SyntaxError> duplicates) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YNode.Mapping(new Loc(file, 1, 1));
            }
            YNode doc;
            try {
                doc = new Reader((YAMLParser) p, file, duplicates).read();
            } catch (StreamConstraintsException e) {
                // Jackson's words name its own API ("from `StreamReadConstraints.getMaxNestingDepth()`") and no line.
                JsonLocation l = p.currentLocation();
                throw new SyntaxError(new Loc(file, l.getLineNr(), l.getColumnNr()), "malformed YAML: lists and "
                        + "mappings nested more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " deep here; a "
                        + "scenario nests a few levels");
            }
            // The parser goes on into a next document ("---" and more): it used to be dropped without a word, and the
            // scenario ran as its first document alone.
            if (p.nextToken() != null) {
                // Reported at the '---' that starts it (the parser is at the document's first token, or past the end
                // of the text when it is empty).
                String[] lines = text.split("\n", -1);
                int line = Math.min(p.currentTokenLocation().getLineNr(), lines.length);
                for (int i = line - 1; i >= 0; i--) {
                    if (lines[i].startsWith("---")) {
                        line = i + 1;
                        break;
                    }
                }
                throw new SyntaxError(new Loc(file, line, 1), "'---' starts a second YAML document; a scenario file "
                        + "is one document: remove the '---' and what follows, or put each scenario in its own file");
            }
            return doc;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            int cut = msg.indexOf(" at [Source");
            if (cut > 0) {
                msg = msg.substring(0, cut);
            }
            // SnakeYAML's text quotes the line with a caret under it; keep the words and positions only.
            msg = msg.replace(" in 'reader',", "").replace('\n', ' ').replace(" ^", "").replaceAll("\\s+", " ").trim();
            msg = readableEvents(msg);
            // A tab where a token starts (in indentation) was reported where the parser stood, at the end of the
            // line before, and only SnakeYAML's own text gave the tab's position: the tab's own line and column.
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null
                    && msg.contains("(TAB)")) {
                throw new SyntaxError(new Loc(file, m.getProblemMark().getLine() + 1,
                        m.getProblemMark().getColumn() + 1), "malformed YAML: a tab character where YAML expects "
                        + "spaces; tabs are not allowed in indentation: indent with spaces");
            }
            throw new SyntaxError(l == null ? new Loc(file, 0, 0) : new Loc(file, l.getLineNr(), l.getColumnNr()),
                    "malformed YAML: " + msg);
        } catch (Refused e) {
            throw e.error;
        } catch (IOException e) {
            throw new SyntaxError(new Loc(file, 0, 0), "cannot read: " + e.getMessage());
        }
    }

    /**
     * SnakeYAML's parser events as the file's user knows them: a complex key {@code ? [complex, key]} was reported as
     * "got this instead: &lt;org.yaml.snakeyaml.events.SequenceStartEvent(anchor=null, tag=null, implicit=true)&gt;".
     */
    static String readableEvents(String msg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)"
                + "Event(\\([^>]*\\))?>").matcher(msg);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String what = switch (m.group(1)) {
                case "SequenceStart" -> "a list";
                case "MappingStart" -> "a mapping";
                case "Scalar" -> "a value";
                case "Alias" -> "an alias";
                default -> "'" + m.group(1) + "'";
            };
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(what));
        }
        m.appendTail(sb);
        String out = sb.toString().replace("Expected a field name (Scalar value in YAML), got this instead: ",
                "expected a key (a plain name), got ");
        return out.equals(msg) ? msg : out + " (a key must be a name: write 'name: value')";
    }

    /** Carries a SyntaxError out of the recursive reader, which can only throw IOException. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient SyntaxError error;

        Refused(SyntaxError error) {
            super(error.getMessage());
            this.error = error;
        }
    }

    private static final class Reader {
        private final YAMLParser p;
        private final String file;
        private final List<SyntaxError> duplicates;
        private final Map<String, YNode> anchors = new HashMap<>();
        private final Map<YNode, Integer> sizes = new IdentityHashMap<>();
        private long nodes;

        Reader(YAMLParser p, String file, List<SyntaxError> duplicates) {
            this.p = p;
            this.file = file;
            this.duplicates = duplicates;
        }

        private Loc loc() {
            JsonLocation l = p.currentTokenLocation();
            return new Loc(file, l.getLineNr(), l.getColumnNr());
        }

        /** Counts {@code n} more nodes against the budget. */
        private void grow(long n, Loc at) throws Refused {
            nodes += n;
            if (nodes > MAX_NODES) {
                throw new Refused(new SyntaxError(at, "the document expands to more than " + MAX_NODES + " nodes "
                        + "(through aliases of aliases, a 'billion laughs' file?); a scenario needs a few hundred"));
            }
        }

        YNode read() throws IOException {
            JsonToken t = p.currentToken();
            Loc at = loc();
            if (p.isCurrentAlias()) {
                String name = p.getText();
                YNode target = anchors.get(name);
                if (target == null) {
                    throw new Refused(new SyntaxError(at, "alias *" + name + " names no anchor defined "
                            + "before it on a mapping or a list (anchors on single values are not supported: Jackson's "
                            + "YAML parser does not report them)"));
                }
                grow(sizes.getOrDefault(target, 1), at);
                return target.copy();
            }
            String anchor = p.getCurrentAnchor();
            long before = nodes;
            grow(1, at);
            YNode node = switch (t) {
                case START_OBJECT -> mapping(at);
                case START_ARRAY -> {
                    YNode.Sequence s = new YNode.Sequence(at);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        s.items().add(read());
                    }
                    yield s;
                }
                // Quoted digits stay text ("10" is refused where a number is expected, as before).
                case VALUE_STRING -> new YNode.Scalar(p.getText(), p instanceof PlainAwareParser pp
                        && pp.plainScalar() && PLAIN_INTEGER.matcher(p.getText()).matches() ? YNode.Kind.INT
                        : YNode.Kind.STRING, at);
                case VALUE_NUMBER_INT -> new YNode.Scalar(p.getText(), YNode.Kind.INT, at);
                case VALUE_NUMBER_FLOAT -> new YNode.Scalar(p.getText(), YNode.Kind.FLOAT, at);
                case VALUE_TRUE, VALUE_FALSE -> new YNode.Scalar(p.getText(), YNode.Kind.BOOL, at);
                case VALUE_NULL -> new YNode.Scalar("null", YNode.Kind.NULL, at);
                default -> throw new Refused(new SyntaxError(at, "unsupported YAML value (" + t + ", e.g. a !!binary "
                        + "scalar); scenario files hold plain strings, numbers, booleans, lists and mappings"));
            };
            if (anchor != null) {
                anchors.put(anchor, node);
                sizes.put(node, (int) Math.min(Integer.MAX_VALUE, nodes - before));
            }
            return node;
        }

        private YNode.Mapping mapping(Loc at) throws IOException {
            YNode.Mapping m = new YNode.Mapping(at);
            List<YNode> merges = new ArrayList<>();
            List<Loc> mergeLocs = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Loc keyLoc = loc();
                p.nextToken();
                YNode v = read();
                if ("<<".equals(key)) {
                    merges.add(v);
                    mergeLocs.add(keyLoc);
                } else if (m.entries().containsKey(key)) {
                    duplicates.add(new SyntaxError(keyLoc, "duplicate key '" + key + "' (first at line "
                            + m.entries().get(key).keyLoc().line() + ")"));
                } else {
                    m.put(key, keyLoc, v);
                }
            }
            // Merge keys: the mappings merged in give the keys this mapping does not set itself; with a list of
            // mappings, earlier ones win.
            for (int i = 0; i < merges.size(); i++) {
                YNode v = merges.get(i);
                List<YNode> sources = v instanceof YNode.Sequence s ? s.items() : List.of(v);
                for (YNode src : sources) {
                    if (!(src instanceof YNode.Mapping sm)) {
                        throw new Refused(new SyntaxError(mergeLocs.get(i), "a merge key '<<' needs a mapping or a "
                                + "list of mappings (usually an alias, <<: *name)"));
                    }
                    for (YNode.Entry e : sm.entries().values()) {
                        if (!m.entries().containsKey(e.key())) {
                            m.put(e.key(), e.keyLoc(), e.value());
                        }
                    }
                }
            }
            return m;
        }
    }
}
