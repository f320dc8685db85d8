package dev.tenantplatform.api;

import dev.tenantplatform.events.Violation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's OpenAPI 3 document ({@value #RESOURCE}), served as it is and used to validate every request
 * before a handler sees it: parameters, content type and body, unknown fields included. A failed check
 * becomes a 400 problem that names each wrong field.
 */
final class Contract {

  static final String RESOURCE = "api/openapi.yaml";

  private final OpenAPIContract contract;
  private final RequestValidator validator;
  private final Buffer document;

  private Contract(Vertx vertx, OpenAPIContract contract, Buffer document) {
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, contract);
    this.document = document;
  }

  static Future<Contract> load(Vertx vertx) {
    Buffer document = Buffer.buffer(resource());
    // Vert.x resolves the path on the class path, inside the executable jar too.
    return OpenAPIContract.from(vertx, RESOURCE).map(loaded -> new Contract(vertx, loaded, document));
  }

  /** The document as YAML. */
  Buffer document() {
    return document;
  }

  /** Checks the request of {@code ctx} (its body already read) against operation {@code operationId}. */
  Future<Void> check(RoutingContext ctx, String operationId) {
    Operation operation = contract.operation(operationId);
    return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(
            ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer()))
        .compose(request -> validator.validate(request, operationId))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(new ProblemException(problem(e))));
  }

  private static Problem problem(Throwable failure) {
    List<Violation> violations = new ArrayList<>();
    if (failure instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      collect(schema.getOutputUnit(), violations);
    }
    if (violations.isEmpty()) {
      violations.add(new Violation("request", failure instanceof ValidatorException
          ? String.valueOf(failure.getMessage()) : "the request cannot be read: " + failure.getMessage()));
    }
    return Problem.invalidRequest(violations);
  }

  private static void collect(OutputUnit unit, List<Violation> violations) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(error -> collect(error, violations));
      return;
    }
    if (unit.getError() != null) {
      violations.add(new Violation(field(unit.getInstanceLocation()), unit.getError()));
    }
  }

  private static String field(String instanceLocation) {
    if (instanceLocation == null || instanceLocation.isEmpty() || "#".equals(instanceLocation)) {
      return "body";
    }
    String path = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
    return path.startsWith("/") ? path.substring(1).replace('/', '.') : path;
  }

  private static byte[] resource() {
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: the build lost it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
