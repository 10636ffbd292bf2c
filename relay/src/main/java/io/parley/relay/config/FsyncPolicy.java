package io.parley.relay.config;

/** Placeholder until the store's policy type lands. */
public enum FsyncPolicy {
  ALWAYS,
  NEVER
}
