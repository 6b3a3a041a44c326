package org.seawallsim.plots;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads result JSON files and their fields, reporting every problem with the file name and the field path. */
final class Json {
    // NaN/Infinity may appear as bare tokens or strings depending on the writer's Jackson settings.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private Json() {
    }

    static JsonNode read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file, "file not found");
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot be read: " + e, e);
        }
        JsonNode root;
        try (JsonParser p = MAPPER.createParser(bytes)) {
            root = MAPPER.readTree(p);
            if (root != null && p.nextToken() != null) {
                throw new ResultFileException(file, "invalid JSON: unexpected content after the top-level object at "
                        + "line " + p.currentLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr();
            throw new ResultFileException(file, "invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot be read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new ResultFileException(file, root == null ? "is empty (expected a JSON object)"
                    : "top level is not a JSON object");
        }
        return root;
    }

    static JsonNode field(Path file, JsonNode parent, String path, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isMissingNode()) {
            throw new ResultFileException(file, "missing field '" + path + name + "'");
        }
        return n;
    }

    static String text(Path file, JsonNode parent, String path, String name) {
        JsonNode n = field(file, parent, path, name);
        if (!n.isValueNode() || n.isNull() || n.asText().isEmpty()) {
            throw new ResultFileException(file, "field '" + path + name + "' must be a non-empty string or number, "
                    + "found " + describe(n));
        }
        return n.asText();
    }

    static String optText(JsonNode parent, String name, String dflt) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() || !n.isValueNode() ? dflt : n.asText();
    }

    /** A number (null means "no value", NaN); strings "NaN"/"Infinity" are accepted as numbers. */
    static double number(Path file, JsonNode parent, String path, String name) {
        return toNumber(file, field(file, parent, path, name), path + name);
    }

    static double optNumber(Path file, JsonNode parent, String path, String name) {
        JsonNode n = parent.get(name);
        return n == null ? Double.NaN : toNumber(file, n, path + name);
    }

    static double toNumber(Path file, JsonNode n, String fullName) {
        if (n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new ResultFileException(file, "field '" + fullName + "' must be a number, found " + describe(n));
    }

    static List<JsonNode> array(Path file, JsonNode parent, String path, String name) {
        JsonNode n = field(file, parent, path, name);
        if (!n.isArray()) {
            throw new ResultFileException(file, "field '" + path + name + "' must be a list, found " + describe(n));
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isObject() && !n.get(i).isValueNode()) {
                throw new ResultFileException(file, "field '" + path + name + "[" + i + "]' has an unexpected "
                        + describe(n.get(i)));
            }
            out.add(n.get(i));
        }
        return out;
    }

    static String describe(JsonNode n) {
        String s = n.toString();
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " "
                + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
