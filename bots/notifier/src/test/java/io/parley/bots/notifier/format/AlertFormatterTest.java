package io.parley.bots.notifier.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.notifier.alert.Alert;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.alert.Link;
import io.parley.bots.notifier.alert.Source;
import io.parley.bots.notifier.parse.PayloadParser;
import io.parley.bots.notifier.parse.RawPayload;
import io.parley.bots.notifier.testing.Samples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {
  private final PayloadParser parser = new PayloadParser();
  private final AlertFormatter formatter = new AlertFormatter();

  private AlertGroup sample(String name) throws Exception {
    return parser.parse(RawPayload.of(Samples.bytes(name)));
  }

  @Test
  void alertmanagerFiringShowsStatusWorstSeverityNamesCountSummariesAndLinks()
      throws Exception {
    Rendered r = formatter.format("storage", sample("alertmanager-firing.json"), null);
    assertEquals("FIRING [critical] DiskAlmostFull · 2 alerts", r.headline());
    String[] lines = r.text().split("\n");
    assertEquals("🔥 [storage] FIRING [critical] DiskAlmostFull · 2 alerts", lines[0]);
    assertTrue(r.text().contains("• DiskAlmostFull [critical] on db-1.example.net:9100\n"
        + "  Disk /var/lib/postgresql on db-1 is 97% full\n"
        + "  runbook: https://runbooks.example.net/disk-full\n"
        + "  source: http://prometheus.example.net:9090/graph?g0.expr="), r.text());
    assertTrue(r.text().contains("• DiskAlmostFull [warning] on db-2.example.net:9100"));
    assertTrue(r.text().endsWith("\nAlertmanager: http://alertmanager.example.net:9093"));
  }

  @Test
  void aResolvedMessageNamesTheFiringMessageItResolves() throws Exception {
    Rendered firing = formatter.format("storage", sample("alertmanager-firing.json"), null);
    FiringRef ref = new FiringRef(firing.headline(), Instant.parse("2025-03-14T09:27:00Z"));
    Rendered r = formatter.format("storage", sample("alertmanager-resolved.json"), ref);
    String[] lines = r.text().split("\n");
    assertEquals("✅ [storage] RESOLVED [critical] DiskAlmostFull · 2 alerts", lines[0]);
    assertEquals("Resolves: FIRING [critical] DiskAlmostFull · 2 alerts "
        + "(since 2025-03-14 09:27 UTC)", lines[1]);
    assertFalse(r.text().contains("(resolved)"), "a resolved group needs no per-alert mark");
  }

  @Test
  void grafanaFiringAndResolvedUseTheAlertNamesNotGrafanasOwnTitle() throws Exception {
    Rendered firing = formatter.format("checkout", sample("grafana-firing.json"), null);
    assertTrue(firing.text().startsWith("🔥 [checkout] FIRING [high] API latency p99 high\n"),
        firing.text());
    assertTrue(firing.text().contains("  dashboard: https://grafana.example.net/d/checkout"));
    assertTrue(firing.text().endsWith("\nGrafana: https://grafana.example.net/"));
    Rendered resolved = formatter.format("checkout", sample("grafana-resolved.json"),
        new FiringRef(firing.headline(), Instant.parse("2025-06-02T15:41:30Z")));
    assertTrue(resolved.text().startsWith("✅ [checkout] RESOLVED [high] API latency p99 high\n"
        + "Resolves: FIRING [high] API latency p99 high (since 2025-06-02 15:41 UTC)"),
        resolved.text());
  }

  @Test
  void uptimeKumaDownAndUpNameTheMonitorAndItsError() throws Exception {
    Rendered down = formatter.format("web", sample("uptime-kuma-down.json"), null);
    assertEquals("🔥 [web] FIRING Shop front page\n\n"
        + "• Shop front page on https://shop.example.net/\n"
        + "  connect ECONNREFUSED 203.0.113.40:443\n"
        + "  monitor: https://shop.example.net/", down.text());
    Rendered up = formatter.format("web", sample("uptime-kuma-up.json"),
        new FiringRef(down.headline(), Instant.parse("2025-04-20T06:15:43Z")));
    assertTrue(up.text().startsWith("✅ [web] RESOLVED Shop front page\n"
        + "Resolves: FIRING Shop front page (since 2025-04-20 06:15 UTC)\n"), up.text());
    assertTrue(up.text().contains("  200 - OK"));
  }

  @Test
  void noticesShowTheirTitleAndTextWithLinks() throws Exception {
    Rendered ntfy = formatter.format("backups", sample("ntfy.json"), null);
    assertEquals("📣 [backups] [high] Nightly backup finished with warnings\n"
        + "3 of 412 files were skipped because they changed during the copy.\n"
        + "  open: https://backup.example.net/runs/2025-05-11\n"
        + "  open log: https://backup.example.net/runs/2025-05-11/log", ntfy.text());
    Rendered text = formatter.format("deploys", sample("text.txt"), null);
    assertEquals("📣 [deploys]\nDeploy of checkout-api 2025.05.11-3 finished on all 6 hosts.\n"
        + "Smoke tests passed.", text.text());
    Rendered test = formatter.format("web", sample("uptime-kuma-test.json"), null);
    assertEquals("📣 [web] Uptime Kuma\nParley Notifier Testing", test.text());
  }

  @Test
  void aLongGroupShowsTheAlertsThatFitThenHowManyMoreWithinTheLimit() {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      alerts.add(new Alert("HostDown", i < 150 ? AlertStatus.FIRING : AlertStatus.RESOLVED,
          "critical", "host-" + i + ".example.net", "host " + i + " does not answer pings "
          + "x".repeat(60), List.of(new Link("runbook", "https://rb.example.net/" + i)), null));
    }
    AlertGroup g = new AlertGroup(Source.ALERTMANAGER, AlertStatus.FIRING, null, "k", alerts, 25,
        null);
    String text = formatter.format("infra", g, null).text();
    assertTrue(text.length() <= AlertFormatter.MAX_MESSAGE_CHARS, "length " + text.length());
    assertTrue(text.startsWith("🔥 [infra] FIRING [critical] HostDown · 225 alerts\n"));
    int shown = text.split("\n• ", -1).length - 1;
    assertTrue(shown >= 5, "several alerts shown: " + shown);
    assertTrue(text.endsWith("\n… and " + (225 - shown) + " more (25 not included by "
        + "Alertmanager)"), text.substring(text.length() - 80));
    assertFalse(text.contains("(resolved)"), "firing alerts come first");
  }

  @Test
  void senderStringsLoseControlAndBidiCharactersAndLongFieldsAreClipped() {
    Alert a = new Alert("Evil\u202Ename\u0007", AlertStatus.FIRING, null, null,
        "line one\nline two\t" + "y".repeat(1_000), List.of(
            new Link("x", "https://example.net/" + "p".repeat(AlertFormatter.MAX_URL_CHARS))),
        null);
    String text = formatter.format("t", new AlertGroup(Source.ALERTMANAGER, AlertStatus.FIRING,
        null, null, List.of(a), 0, null), null).text();
    assertTrue(text.startsWith("🔥 [t] FIRING Evilname\n"), text);
    assertTrue(text.contains("  line one line two yyy"));
    assertFalse(text.contains("https://example.net/"), "an over-long link is left out");
    String summaryLine = text.split("\n")[3];
    assertEquals(2 + AlertFormatter.MAX_FIELD_CHARS, summaryLine.length());
    assertTrue(summaryLine.endsWith("…"));
  }

  @Test
  void aVeryLongTextNoticeIsClippedWithANoteOfWhatIsNotShown() {
    String body = "z".repeat(10_000);
    Alert a = new Alert("message", AlertStatus.NOTICE, null, null, body, List.of(), null);
    String text = formatter.format("logs", new AlertGroup(Source.TEXT, AlertStatus.NOTICE, null,
        null, List.of(a), 0, null), null).text();
    assertTrue(text.length() <= AlertFormatter.MAX_MESSAGE_CHARS, "length " + text.length());
    int shownZ = (int) text.chars().filter(c -> c == 'z').count();
    assertTrue(text.endsWith("…\n[" + (10_000 - shownZ) + " more characters not shown]"),
        text.substring(text.length() - 60));
  }

  @Test
  void aSurrogatePairIsNeverSplitWhenClipping() {
    String s = "a".repeat(8) + "😀" + "b".repeat(10);
    String clipped = Cleaner.clip(s, 10);
    assertEquals("a".repeat(8) + "…", clipped);
    assertEquals(s, Cleaner.clip(s, 100));
  }
}
