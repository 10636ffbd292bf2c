package io.parley.bots.notifier.format;

import io.parley.bots.notifier.alert.Alert;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.alert.Link;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders one alert group as one chat message: a headline with status, worst severity, alert
 * names and count; for a resolved group, the headline of the firing message it resolves; then one
 * block per alert (name, severity, target, summary, links). A group too long for
 * {@link #MAX_MESSAGE_CHARS} shows the alerts that fit and ends with "… and N more" rather than
 * being cut mid-way. Sender strings are cleaned of control characters and clipped per field.
 * Stateless and thread-safe.
 */
public final class AlertFormatter {
  /**
   * Longest message. Kept well under the daemon's 15,000-byte text limit even when every
   * character takes 4 bytes in UTF-8. UNIT: characters (UTF-16 units).
   */
  public static final int MAX_MESSAGE_CHARS = 3_500;
  /** Longest name, target, severity or summary of one alert. UNIT: characters. */
  public static final int MAX_FIELD_CHARS = 300;
  /** Links longer than this are left out (a clipped link would not open). UNIT: characters. */
  public static final int MAX_URL_CHARS = 500;
  /** Most links shown under one alert. */
  public static final int MAX_LINKS_PER_ALERT = 3;
  /** Most distinct alert names in a headline before "+N". */
  public static final int MAX_NAMES_IN_HEADLINE = 3;
  /** Room kept for the "… and N more" line while filling. UNIT: characters. */
  static final int MORE_LINE_RESERVE = 80;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * Formats {@code group} for subscribers of {@code topic}.
   *
   * @param resolves the firing message this resolved group resolves, or null if unknown or the
   *     group is not resolved
   */
  public Rendered format(String topic, AlertGroup group, FiringRef resolves) {
    String headline = headline(group);
    StringBuilder header = new StringBuilder()
        .append(emoji(group.status())).append(" [").append(topic).append(']');
    if (!headline.isEmpty()) {
      header.append(' ').append(headline);
    }
    if (group.status() == AlertStatus.RESOLVED && resolves != null) {
      header.append("\nResolves: ").append(Cleaner.line(resolves.headline(), MAX_FIELD_CHARS))
          .append(" (since ").append(TIME.format(resolves.firstSentAt())).append(')');
    }
    String footer = group.sourceUrl() == null || group.sourceUrl().length() > MAX_URL_CHARS
        ? "" : "\n" + group.source().displayName() + ": " + group.sourceUrl();
    int budget = MAX_MESSAGE_CHARS - header.length() - footer.length();
    String body = isSingleNotice(group)
        ? notice(group.alerts().get(0), budget) : blocks(group, budget);
    return new Rendered(header + body + footer, headline);
  }

  private static boolean isSingleNotice(AlertGroup group) {
    return group.status() == AlertStatus.NOTICE && group.alerts().size() == 1;
  }

  /** A notice's text keeps its lines; it is the one place a long text is clipped. */
  private static String notice(Alert alert, int budget) {
    StringBuilder b = new StringBuilder();
    StringBuilder links = new StringBuilder();
    appendLinks(links, alert.links());
    if (alert.summary() != null) {
      String text = Cleaner.block(alert.summary());
      int room = budget - links.length() - 1;
      if (text.length() > room) {
        String clipped = Cleaner.clip(text, room - MORE_LINE_RESERVE);
        int hidden = text.length() - (clipped.length() - 1);
        text = clipped + "\n[" + hidden + " more characters not shown]";
      }
      b.append('\n').append(text);
    }
    return b.append(links).toString();
  }

  private static String blocks(AlertGroup group, int budget) {
    List<Alert> ordered = new ArrayList<>(group.alerts().size());
    boolean mixed = group.status() == AlertStatus.FIRING;
    for (Alert a : group.alerts()) {
      if (a.status() != AlertStatus.RESOLVED) {
        ordered.add(a);
      }
    }
    for (Alert a : group.alerts()) {
      if (a.status() == AlertStatus.RESOLVED) {
        ordered.add(a);
      }
    }
    StringBuilder b = new StringBuilder("\n");
    int shown = 0;
    for (Alert a : ordered) {
      String block = block(a, mixed && a.status() == AlertStatus.RESOLVED);
      boolean more = ordered.size() - shown - 1 + group.omittedBySource() > 0;
      int needed = block.length() + (more ? MORE_LINE_RESERVE : 0);
      if (shown > 0 && b.length() + needed > budget) {
        break;
      }
      b.append(block);
      shown++;
    }
    int unshown = ordered.size() - shown + group.omittedBySource();
    if (unshown > 0) {
      b.append("\n… and ").append(unshown).append(" more");
      if (group.omittedBySource() > 0) {
        b.append(" (").append(group.omittedBySource()).append(" not included by ")
            .append(group.source().displayName()).append(')');
      }
    }
    return b.toString();
  }

  private static String block(Alert a, boolean markResolved) {
    StringBuilder b = new StringBuilder("\n• ").append(Cleaner.line(a.name(), MAX_FIELD_CHARS));
    if (a.severity() != null) {
      b.append(" [").append(Cleaner.line(a.severity(), MAX_FIELD_CHARS)).append(']');
    }
    if (a.target() != null) {
      b.append(" on ").append(Cleaner.line(a.target(), MAX_FIELD_CHARS));
    }
    if (markResolved) {
      b.append(" (resolved)");
    }
    if (a.summary() != null) {
      b.append("\n  ").append(Cleaner.line(a.summary(), MAX_FIELD_CHARS));
    }
    appendLinks(b, a.links());
    return b.toString();
  }

  private static void appendLinks(StringBuilder b, List<Link> links) {
    int n = 0;
    for (Link l : links) {
      if (n == MAX_LINKS_PER_ALERT) {
        break;
      }
      if (l.url().length() <= MAX_URL_CHARS) {
        b.append("\n  ").append(Cleaner.line(l.label(), MAX_FIELD_CHARS)).append(": ")
            .append(Cleaner.line(l.url(), MAX_URL_CHARS));
        n++;
      }
    }
  }

  /**
   * Status, worst severity, title or alert names, and the count when more than one. An untitled
   * notice has no names: its text follows on the next line.
   */
  static String headline(AlertGroup group) {
    List<String> parts = new ArrayList<>();
    if (group.status() != AlertStatus.NOTICE) {
      parts.add(group.status().name());
    }
    String severity = worstSeverity(group);
    if (severity != null) {
      parts.add("[" + Cleaner.line(severity, MAX_FIELD_CHARS) + "]");
    }
    if (group.title() != null) {
      parts.add(Cleaner.line(group.title(), MAX_FIELD_CHARS));
    } else if (!isSingleNotice(group)) {
      parts.add(names(group.alerts()));
    }
    String line = String.join(" ", parts);
    int total = group.alerts().size() + group.omittedBySource();
    return total > 1 ? line + " · " + total + " alerts" : line;
  }

  private static String worstSeverity(AlertGroup group) {
    String worst = null;
    for (Alert a : group.alerts()) {
      boolean counts = group.status() != AlertStatus.FIRING || a.status() != AlertStatus.RESOLVED;
      if (counts && Severities.rank(a.severity()) > Severities.rank(worst)) {
        worst = a.severity();
      }
    }
    return worst;
  }

  private static String names(List<Alert> alerts) {
    Set<String> distinct = new LinkedHashSet<>();
    for (Alert a : alerts) {
      distinct.add(Cleaner.line(a.name(), MAX_FIELD_CHARS));
    }
    List<String> shown = distinct.stream().limit(MAX_NAMES_IN_HEADLINE).toList();
    String joined = String.join(", ", shown);
    int rest = distinct.size() - shown.size();
    return rest > 0 ? joined + " +" + rest : joined;
  }

  private static String emoji(AlertStatus status) {
    return switch (status) {
      case FIRING -> "🔥";
      case RESOLVED -> "✅";
      case NOTICE -> "📣";
    };
  }
}
