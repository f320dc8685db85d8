package dev.tenantplatform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schemas (draft 2020-12) of the contract, on the class path under {@code schemas/}. Each describes
 * a whole structured-mode CloudEvent, envelope and data. Producers in any language may validate against them;
 * the platform's tests check every encoded request and event with them.
 */
public enum Schemas {
  /** A tenant request on {@code tenant.requests}. */
  TENANT_REQUEST("schemas/tenant-request.v1.schema.json"),
  /** A lifecycle event on {@code tenant.events}, with the required data keys of each type. */
  TENANT_EVENT("schemas/tenant-event.v1.schema.json"),
  /** A kubeconfig read on {@code tenant.requests}: who read a tenant's kubeconfig, and when. */
  KUBECONFIG_READ("schemas/tenant-kubeconfig-read.v1.schema.json");

  private static final String ID_BASE = "https://tenantplatform.dev/";

  private final String resource;

  Schemas(String resource) {
    this.resource = resource;
  }

  /** The class-path resource, {@code schemas/tenant-request.v1.schema.json}. */
  public String resource() {
    return resource;
  }

  /** The schema's {@code $id}. */
  public URI id() {
    return URI.create(ID_BASE + resource);
  }

  /** The schema document; the caller closes it. */
  public InputStream open() {
    InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("schema " + resource + " is missing from the class path: the events jar"
          + " is incomplete");
    }
    return in;
  }

  /** The schema document as text. */
  public String text() {
    try (InputStream in = open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }
}
