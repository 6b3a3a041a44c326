package org.seawallsim.plots;

import java.awt.Color;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Stable colours. A VM (or tenant, link, queue) gets the colour of its index in the sorted set of names of its
 * folder, so the same VM has the same colour in every chart of a run and of a comparison (all schemes run the same
 * VMs). A scheme has a fixed colour when it is one of the known schemes, otherwise one chosen by a hash of its name
 * that does not depend on the JVM ({@link String#hashCode} is specified by the language).
 */
public final class Palette {
    /** Colour-blind-friendly hues that stay distinct on white (Okabe-Ito first, then Tableau extras). */
    static final Color[] BASE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7), new Color(0xE69F00),
        new Color(0x56B4E9), new Color(0x9467BD), new Color(0x8C564B), new Color(0x17BECF), new Color(0xBCBD22),
    };

    private static final Map<String, Color> SCHEMES = Map.of(
            "seawall", BASE[0], "tcp", BASE[1], "ratelimit", BASE[2], "drr", BASE[3], "qcn", BASE[4]);

    private Palette() {
    }

    /** Colour i of an endless sequence: the base hues, then darker and lighter rounds of them. */
    static Color indexed(int i) {
        Color c = BASE[Math.floorMod(i, BASE.length)];
        int round = Math.floorMod(i, BASE.length * 3) / BASE.length;
        return round == 0 ? c : round == 1 ? blend(c, Color.BLACK, 0.35) : blend(c, Color.WHITE, 0.35);
    }

    private static Color blend(Color a, Color b, double f) {
        return new Color((int) Math.round(a.getRed() * (1 - f) + b.getRed() * f),
                (int) Math.round(a.getGreen() * (1 - f) + b.getGreen() * f),
                (int) Math.round(a.getBlue() * (1 - f) + b.getBlue() * f));
    }

    /** Colours for a set of names by their sorted index; the result iterates in sorted order. */
    public static Map<String, Color> byName(Collection<String> names) {
        Map<String, Color> out = new LinkedHashMap<>();
        int i = 0;
        for (String n : new TreeSet<>(names)) {
            out.put(n, indexed(i++));
        }
        return out;
    }

    /** The fixed colour of a scheme. */
    public static Color scheme(String scheme) {
        Color c = SCHEMES.get(scheme.toLowerCase(Locale.ROOT));
        return c != null ? c : indexed(BASE.length + Math.floorMod(scheme.hashCode(), BASE.length * 2));
    }
}
