package io.parley.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests that scrape
 * {@code /metrics} over HTTP. It refuses what a Prometheus server would refuse and a few things
 * it would only tolerate: a name or label that breaks the grammar, a bad escape, a value that is
 * not a number, a {@code TYPE} after its family's samples or given twice, a family whose samples
 * are not together, a sample whose name its family's type does not allow (a histogram has
 * {@code _bucket} with {@code le}, {@code _sum}, {@code _count}), the same series twice, and a
 * text that does not end with a newline. Immutable once parsed.
 */
public final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample: a series (name and labels) and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** A line the format does not allow. */
  public static final class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FormatException(int line, String message) {
      super("line " + line + ": " + message);
    }
  }

  private final Map<String, String> types;
  private final Map<String, String> help;
  private final List<Sample> samples;

  private PrometheusText(Map<String, String> types, Map<String, String> help,
      List<Sample> samples) {
    this.types = types;
    this.help = help;
    this.samples = samples;
  }

  /**
   * Parses a whole scrape.
   *
   * @throws FormatException at the first line that breaks the format
   */
  public static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new FormatException(text.split("\n", -1).length, "the text must end with a newline");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> help = new HashMap<>();
    List<Sample> samples = new ArrayList<>();
    Set<String> seriesSeen = new HashSet<>();
    Set<String> familiesDone = new HashSet<>();
    String current = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      int n = i + 1;
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && (parts[1].equals("TYPE") || parts[1].equals("HELP"))) {
          String family = parts[2];
          requireName(n, family);
          if (parts[1].equals("TYPE")) {
            String type = parts.length == 4 ? parts[3] : "";
            if (!TYPES.contains(type)) {
              throw new FormatException(n, "unknown type '" + type + "'");
            }
            if (types.containsKey(family)) {
              throw new FormatException(n, "a second TYPE for " + family);
            }
            if (familiesDone.contains(family) || family.equals(current)) {
              throw new FormatException(n, "TYPE of " + family + " after its samples");
            }
            types.put(family, type);
          } else {
            if (help.containsKey(family)) {
              throw new FormatException(n, "a second HELP for " + family);
            }
            help.put(family, parts.length == 4 ? unescapeHelp(n, parts[3]) : "");
          }
        }
        continue;
      }
      Sample s = sample(n, line);
      String family = familyOf(s.name(), types);
      if (!family.equals(current)) {
        if (familiesDone.contains(family)) {
          throw new FormatException(n, "samples of " + family + " are not together");
        }
        if (current != null) {
          familiesDone.add(current);
        }
        current = family;
      }
      checkSuffix(n, s, family, types.getOrDefault(family, "untyped"));
      String key = s.name() + new TreeMap<>(s.labels());
      if (!seriesSeen.add(key)) {
        throw new FormatException(n, "the series " + key + " appears twice");
      }
      samples.add(s);
    }
    return new PrometheusText(Collections.unmodifiableMap(types),
        Collections.unmodifiableMap(help), List.copyOf(samples));
  }

  /** The declared type of a family, or null. */
  public String type(String family) {
    return types.get(family);
  }

  /** The HELP text of a family, or null. */
  public String help(String family) {
    return help.get(family);
  }

  /** Every family with a TYPE line. */
  public Set<String> families() {
    return types.keySet();
  }

  /** Every sample, in order. */
  public List<Sample> samples() {
    return samples;
  }

  /** The samples named exactly {@code name}. */
  public List<Sample> samples(String name) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals(name)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The value of the one series named {@code name} whose labels include {@code labels}
   * (given as name, value, name, value...).
   *
   * @throws AssertionError when no series or more than one matches
   */
  public double value(String name, String... labels) {
    List<Sample> found = new ArrayList<>();
    for (Sample s : samples(name)) {
      boolean all = true;
      for (int i = 0; i + 1 < labels.length; i += 2) {
        all &= labels[i + 1].equals(s.labels().get(labels[i]));
      }
      if (all) {
        found.add(s);
      }
    }
    if (found.size() != 1) {
      throw new AssertionError("expected one series " + name + " with " + List.of(labels)
          + ", found " + found.size() + ": " + found);
    }
    return found.get(0).value();
  }

  /** The sum of the values of every series named {@code name}; 0 when there is none. */
  public double sum(String name) {
    double total = 0;
    for (Sample s : samples(name)) {
      total += s.value();
    }
    return total;
  }

  private static String familyOf(String sampleName, Map<String, String> types) {
    if (types.containsKey(sampleName)) {
      return sampleName;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count", "_total"}) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        String type = types.get(base);
        boolean fits = suffix.equals("_total") ? "counter".equals(type)
            : "histogram".equals(type) || "summary".equals(type);
        if (fits) {
          return base;
        }
      }
    }
    return sampleName;
  }

  private static void checkSuffix(int n, Sample s, String family, String type) {
    String suffix = s.name().substring(family.length());
    boolean ok = switch (type) {
      case "histogram" -> suffix.equals("_sum") || suffix.equals("_count")
          || (suffix.equals("_bucket") && s.labels().containsKey("le"));
      case "summary" -> suffix.equals("_sum") || suffix.equals("_count")
          || (suffix.isEmpty() && s.labels().containsKey("quantile"));
      case "counter" -> suffix.isEmpty() || suffix.equals("_total");
      default -> suffix.isEmpty();
    };
    if (!ok) {
      throw new FormatException(n, "the sample " + s.name() + " does not fit its " + type
          + " family " + family);
    }
  }

  private static Sample sample(int n, String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    requireName(n, name);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(n, line, i + 1, labels);
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw new FormatException(n, "a space must separate the series from its value");
    }
    String[] rest = line.substring(i + 1).split(" ", -1);
    if (rest.length > 2) {
      throw new FormatException(n, "more than a value and a timestamp after the series");
    }
    double value = number(n, rest[0]);
    if (rest.length == 2) {
      try {
        Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        throw new FormatException(n, "the timestamp '" + rest[1] + "' is not an integer");
      }
    }
    return new Sample(name, Collections.unmodifiableMap(labels), value);
  }

  /** Reads labels up to and including the closing brace; returns the index after it. */
  private static int labels(int n, String line, int i, Map<String, String> out) {
    while (true) {
      if (i < line.length() && line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        throw new FormatException(n, "a label without '='");
      }
      String name = line.substring(i, eq);
      if (!LABEL_NAME.matcher(name).matches()) {
        throw new FormatException(n, "bad label name '" + name + "'");
      }
      if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new FormatException(n, "the value of label " + name + " is not quoted");
      }
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      while (true) {
        if (j >= line.length()) {
          throw new FormatException(n, "the value of label " + name + " is not closed");
        }
        char c = line.charAt(j);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char e = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
          switch (e) {
            case '\\' -> v.append('\\');
            case '"' -> v.append('"');
            case 'n' -> v.append('\n');
            default -> throw new FormatException(n, "bad escape in label " + name);
          }
          j += 2;
        } else {
          v.append(c);
          j++;
        }
      }
      if (out.put(name, v.toString()) != null) {
        throw new FormatException(n, "label " + name + " given twice");
      }
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      } else if (i >= line.length() || line.charAt(i) != '}') {
        throw new FormatException(n, "labels must be separated by ',' and closed by '}'");
      }
    }
  }

  private static double number(int n, String text) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
      throw new FormatException(n, "the value '" + text + "' is not a number");
    }
    return Double.parseDouble(text);
  }

  private static String unescapeHelp(int n, String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
      switch (e) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        default -> throw new FormatException(n, "bad escape in HELP");
      }
      i++;
    }
    return out.toString();
  }

  private static void requireName(int n, String name) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new FormatException(n, "bad metric name '" + name + "'");
    }
  }
}
