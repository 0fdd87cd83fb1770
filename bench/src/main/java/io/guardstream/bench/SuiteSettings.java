package io.guardstream.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark inherits (JMH's annotations are inherited): one thread, so the
 * figures are operations per second per core; one fork; 3 x 2 s warm-up and 5 x 2 s measurement,
 * which is enough for these CPU-bound calls to reach C2 steady state and keeps the whole suite near
 * ten minutes on a 2-core machine. Command-line options ({@code -bm avgt -tu us}, {@code -f 3})
 * override them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public abstract class SuiteSettings {}
