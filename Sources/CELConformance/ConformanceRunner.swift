import CEL

/// Runs the CEL conformance suite (JSON files) against this implementation.
public enum ConformanceRunner {}
