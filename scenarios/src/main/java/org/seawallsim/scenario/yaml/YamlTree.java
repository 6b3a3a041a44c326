package org.seawallsim.scenario.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;

/** Parses YAML text into a located {@link YNode} tree with Jackson's streaming YAML parser. */
public final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

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
     * Parses one document. An empty document gives an empty mapping. Duplicate keys are errors (YAML forbids them,
     * and silently keeping the last one would hide a mistake).
     */
    public static YNode parse(String text, String file, List<SyntaxError> duplicates) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YNode.Mapping(new Loc(file, 1, 1));
            }
            YNode root = read(p, file, duplicates);
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            int cut = msg.indexOf(" at [Source");
            if (cut > 0) {
                msg = msg.substring(0, cut);
            }
            // SnakeYAML's text quotes the line with a caret under it; keep the words and positions only.
            msg = msg.replace(" in 'reader',", "").replace('\n', ' ').replace(" ^", "").replaceAll("\\s+", " ").trim();
            throw new SyntaxError(l == null ? new Loc(file, 0, 0) : new Loc(file, l.getLineNr(), l.getColumnNr()),
                    "malformed YAML: " + msg);
        } catch (IOException e) {
            throw new SyntaxError(new Loc(file, 0, 0), "cannot read: " + e.getMessage());
        }
    }

    private static Loc loc(JsonParser p, String file) {
        JsonLocation l = p.currentTokenLocation();
        return new Loc(file, l.getLineNr(), l.getColumnNr());
    }

    private static YNode read(JsonParser p, String file, List<SyntaxError> duplicates) throws IOException {
        JsonToken t = p.currentToken();
        Loc at = loc(p, file);
        switch (t) {
            case START_OBJECT -> {
                YNode.Mapping m = new YNode.Mapping(at);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Loc keyLoc = loc(p, file);
                    p.nextToken();
                    YNode v = read(p, file, duplicates);
                    if (m.entries().containsKey(key)) {
                        duplicates.add(new SyntaxError(keyLoc, "duplicate key '" + key + "' (first at line "
                                + m.entries().get(key).keyLoc().line() + ")"));
                    } else {
                        m.put(key, keyLoc, v);
                    }
                }
                return m;
            }
            case START_ARRAY -> {
                YNode.Sequence s = new YNode.Sequence(at);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    s.items().add(read(p, file, duplicates));
                }
                return s;
            }
            case VALUE_STRING -> {
                return new YNode.Scalar(p.getText(), YNode.Kind.STRING, at);
            }
            case VALUE_NUMBER_INT -> {
                return new YNode.Scalar(p.getText(), YNode.Kind.INT, at);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YNode.Scalar(p.getText(), YNode.Kind.FLOAT, at);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YNode.Scalar(p.getText(), YNode.Kind.BOOL, at);
            }
            case VALUE_NULL -> {
                return new YNode.Scalar("null", YNode.Kind.NULL, at);
            }
            default -> throw new IllegalStateException("unexpected YAML token " + t + " at " + at);
        }
    }
}
