package org.seawallsim.scenario.yaml;

import java.util.List;
import java.util.Locale;

/** Suggestions for a misspelt name: the nearest known one by edit distance, if near enough. */
public final class Spelling {
    private Spelling() {
    }

    /** " (did you mean 'x'?)" when a known name is close to {@code got}, else "". */
    public static String didYouMean(String got, List<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = k.equalsIgnoreCase(got) ? 0 : distance(got.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        int limit = Math.max(2, got.length() / 3);
        return best != null && bestD <= limit ? " (did you mean '" + best + "'?)" : "";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
