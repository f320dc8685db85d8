package dev.tenantplatform.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command-line tool we did not write (kcat, kubectl), run with a deadline so it can never hang the build. */
public record Tool(String name) {

  public record Result(int exitCode, String out, String err) {
  }

  /** Skips the calling test, with the reason, where the tool is not installed. */
  public Tool require() {
    assumeTrue(installed(), name + " is not installed (apt-get install " + name + "); .ci/run installs it");
    return this;
  }

  public boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** A tool left running (a watch), stopped on close; its output so far can be read at any time. */
  public record Running(Process process, Path out, Path err) implements AutoCloseable {

    public String output() {
      try {
        return Files.readString(out, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError("cannot read the output of " + process.info().command().orElse("?"), e);
      }
    }

    public String errors() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  public Running start(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(name);
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(name, ".out");
      Path err = Files.createTempFile(name, ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      return new Running(process, out, err);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    }
  }

  public Result run(Map<String, String> env, long timeoutSeconds, String... args) {
    try (Running running = start(env, args)) {
      if (!running.process().waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError(name + " " + String.join(" ", args) + " did not finish within " + timeoutSeconds
            + " s; it printed: " + running.output() + running.errors());
      }
      return new Result(running.process().exitValue(), running.output(), running.errors());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + name, e);
    }
  }
}
