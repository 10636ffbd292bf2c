package io.parley.relay.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM and process series every Parley process exports (memory, GC, threads, classes, CPU,
 * open files, uptime), through Micrometer's binders. {@link #close()} detaches the GC listener;
 * the other binders hold nothing to release. Thread-safe.
 */
public final class ProcessMetrics implements AutoCloseable {
  private final JvmGcMetrics gc;

  private ProcessMetrics(JvmGcMetrics gc) {
    this.gc = gc;
  }

  /** Binds every JVM and process binder to {@code registry}. */
  public static ProcessMetrics bind(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return new ProcessMetrics(gc);
  }

  @Override
  public void close() {
    gc.close();
  }
}
