package org.seawallsim.scenario.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Generates the JSON Schema (draft 2020-12) of the scenario format from {@link ScenarioFormat}, for editors (the
 * YAML language server reads {@code # yaml-language-server: $schema=...}). Shipped as
 * {@code scenarios/scenario.schema.json}; a test fails when the shipped copy is stale.
 */
public final class JsonSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonSchema() {
    }

    public static String generate() {
        ObjectNode root = obj(ScenarioFormat.SCENARIO);
        // Top-level keys starting with x- hold anchored blocks for aliases; the loader ignores them, so may editors.
        root.putObject("patternProperties").putObject("^" + ScenarioLoader.EXTENSION_PREFIX)
                .put("description", "ignored: holds anchored blocks for aliases (<<: *name)");
        ObjectNode out = F.objectNode();
        out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        out.put("$id", "https://seawall-sim.org/scenario.schema.json");
        out.put("title", "seawall-sim scenario");
        out.setAll(root);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode type(Type t) {
        ObjectNode n = F.objectNode();
        if (t instanceof Type.Str) {
            n.put("type", "string");
        } else if (t instanceof Type.Bool) {
            // As the loader: a boolean, or true/false quoted, in any case (YAML 1.1's yes/no/on/off are refused).
            ArrayNode any = n.putArray("anyOf");
            any.addObject().put("type", "boolean");
            any.addObject().put("type", "string").put("pattern", "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$");
        } else if (t instanceof Type.Enum e) {
            ArrayNode a = n.putArray("enum");
            e.values().forEach(a::add);
        } else if (t instanceof Type.Int i) {
            // Both bounds always, the 64-bit ones too: JSON Schema counts 1e30 as an integer, which the loader
            // refuses for a seed. An integral float (1e6, 1000000.0) is an integer to both.
            n.put("type", "integer");
            n.put("minimum", i.min());
            n.put("maximum", i.max());
        } else if (t instanceof Type.Num d) {
            n.put("type", "number");
            if (d.min() != -Double.MAX_VALUE) {
                n.put(d.minExclusive() ? "exclusiveMinimum" : "minimum", d.min());
            }
            if (d.max() != Double.MAX_VALUE) {
                n.put("maximum", d.max());
            }
        } else if (t instanceof Type.Obj o) {
            return obj(o);
        } else if (t instanceof Type.ListOf l) {
            ObjectNode arr = F.objectNode();
            arr.put("type", "array");
            arr.set("items", type(l.item()));
            if (l.minItems() > 0) {
                arr.put("minItems", l.minItems());
            }
            if (l.maxItems() != Integer.MAX_VALUE) {
                arr.put("maxItems", l.maxItems());
            }
            if (!l.scalarOk()) {
                return arr;
            }
            n.putArray("anyOf").add(type(l.item())).add(arr);
        } else if (t instanceof Type.MapOf m) {
            n.put("type", "object");
            n.putObject("propertyNames").put("pattern", "^" + Binder.NAME + "$");
            n.set("additionalProperties", type(m.value()));
            if (m.minEntries() > 0) {
                n.put("minProperties", m.minEntries());
            }
        } else if (t instanceof Type.Union u) {
            ArrayNode one = n.putArray("oneOf");
            for (Map.Entry<String, Type.Obj> e : u.variants().entrySet()) {
                ObjectNode v = obj(e.getValue());
                ((ObjectNode) v.get("properties")).putObject(u.discriminator()).put("const", e.getKey());
                ArrayNode req = v.has("required") ? (ArrayNode) v.get("required") : v.putArray("required");
                req.insert(0, u.discriminator());
                one.add(v);
            }
        } else if (t instanceof Type.FreeMap) {
            n.put("type", "object");
            n.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        }
        return n;
    }

    private static ObjectNode obj(Type.Obj o) {
        ObjectNode n = F.objectNode();
        n.put("type", "object");
        n.put("description", o.title());
        ObjectNode props = n.putObject("properties");
        List<String> required = new java.util.ArrayList<>();
        for (Field f : o.fields()) {
            ObjectNode p = type(f.type());
            if (f.sweepable() && f.type() instanceof Type.FreeMap) {
                // Swept parameter by parameter: each value may be a scalar or a list of them (an axis).
                ObjectNode scalar = (ObjectNode) p.remove("additionalProperties");
                ObjectNode axis = F.objectNode();
                axis.put("type", "array");
                axis.set("items", scalar.deepCopy());
                axis.put("minItems", 1);
                axis.put("uniqueItems", true);
                axis.put("description", "a sweep axis: one run per value");
                p.putObject("additionalProperties").putArray("anyOf").add(scalar).add(axis);
            } else if (f.sweepable()) {
                ObjectNode axis = F.objectNode();
                axis.put("type", "array");
                axis.set("items", type(f.type()));
                axis.put("minItems", 1);
                // The loader refuses an axis that lists a value twice (it would run the same points twice).
                axis.put("uniqueItems", true);
                axis.put("description", "a sweep axis: one run per value");
                ObjectNode any = F.objectNode();
                any.putArray("anyOf").add(p).add(axis);
                p = any;
            }
            String unit = f.unit().isEmpty() ? "" : " [" + f.unit() + "]";
            p.put("description", f.doc() + unit);
            if (f.dflt() != null) {
                p.putPOJO("default", f.dflt());
            }
            props.set(f.name(), p);
            if (f.required()) {
                required.add(f.name());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode r = n.putArray("required");
            required.forEach(r::add);
        }
        n.put("additionalProperties", false);
        return n;
    }
}
