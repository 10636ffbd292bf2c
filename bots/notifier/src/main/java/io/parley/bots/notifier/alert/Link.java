package io.parley.bots.notifier.alert;

import java.util.Objects;

/**
 * A labelled http(s) link shown under an alert ("runbook", "dashboard"). Parsers only build
 * links whose URL uses http or https. Immutable.
 *
 * @param label a short lowercase word naming what the link opens
 * @param url an absolute http or https URL
 */
public record Link(String label, String url) {
  public Link {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(url, "url");
  }
}
