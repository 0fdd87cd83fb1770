package io.guardstream.topology;

import io.guardstream.inspect.injection.InjectionDetector;
import io.guardstream.inspect.pii.PiiScanner;
import io.guardstream.schemas.RecordSchemas;

/** The detectors Guardstream ships with, loaded once per process and shared by all threads. */
public final class StandardDetectors {

  private StandardDetectors() {}

  public static Detectors load() {
    RecordSchemas schemas = RecordSchemas.shared();
    return new Detectors(new PiiScanner(), new InjectionDetector(),
        tree -> schemas.validate(RecordSchemas.REQUESTS, tree));
  }
}
