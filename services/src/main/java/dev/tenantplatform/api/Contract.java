package dev.tenantplatform.api;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.Violation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.mediatype.ContentAnalyser;
import io.vertx.openapi.mediatype.ContentAnalyserFactory;
import io.vertx.openapi.mediatype.MediaTypeRegistration;
import io.vertx.openapi.mediatype.MediaTypeRegistry;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API's OpenAPI 3 document ({@value #RESOURCE}), served as it is and used to validate every request
 * before a handler sees it: parameters, content type and body, unknown fields included. A failed check
 * becomes a 400 problem that names each wrong field.
 */
final class Contract {

  static final String RESOURCE = "api/openapi.yaml";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String YAML = "application/yaml";
  private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Property \"(.+)\" does not match additional"
      + " properties schema");
  private static final String CLUSTER_FIELDS = Arrays.stream(ClusterSpec.class.getRecordComponents())
      .map(RecordComponent::getName).collect(Collectors.joining(", "));

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
    MediaTypeRegistry mediaTypes = MediaTypeRegistry.createDefault()
        .register(new Extra(ContentAnalyserFactory.json(), MERGE_PATCH, Problem.CONTENT_TYPE))
        .register(new Extra(ContentAnalyserFactory.noop(), YAML));
    // Vert.x resolves the path on the class path, inside the executable jar too.
    return OpenAPIContract.builder(vertx).setContractPath(RESOURCE).mediaTypeRegistry(mediaTypes).build()
        .map(loaded -> new Contract(vertx, loaded, document));
  }

  /** Media types the contract uses beyond the library's own: JSON ones read as JSON, YAML left as it is. */
  private record Extra(ContentAnalyserFactory analyser, List<String> types) implements MediaTypeRegistration {
    Extra(ContentAnalyserFactory analyser, String... types) {
      this(analyser, List.of(types));
    }

    @Override
    public ContentAnalyser createContentAnalyser(String contentType, Buffer content, ValidationContext context) {
      return analyser.create(contentType, content, context);
    }

    @Override
    public boolean canHandle(String mediaType) {
      return mediaType != null && types.contains(mediaType.split(";")[0].trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> supportedTypes() {
      return types;
    }
  }

  /** The document as YAML. */
  Buffer document() {
    return document;
  }

  /** Checks the request of {@code ctx} (its body already read) against operation {@code operationId}. */
  Future<Void> check(RoutingContext ctx, String operationId) {
    Operation operation = contract.operation(operationId);
    Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    if (operation.getRequestBody() != null && body.length() > 0) {
      try {
        Json.decodeValue(body);
      } catch (DecodeException e) {
        return Future.failedFuture(new ProblemException(Problem.invalidRequest(List.of(new Violation("body",
            "the body is not JSON (" + e.getMessage().replaceAll("\\s+", " ") + "): send a JSON object such as"
                + " {\"tenant\": \"acme\", \"cluster\": {\"workers\": 2}}")))));
      }
    }
    return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(body))
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
    if (unit.getError() == null) {
      return;
    }
    String field = field(unit.getInstanceLocation());
    Matcher unknown = UNKNOWN_PROPERTY.matcher(unit.getError());
    if (unknown.find()) {
      String parent = field.contains(".") ? field.substring(0, field.lastIndexOf('.')) : "";
      String known = "cluster".equals(parent) ? CLUSTER_FIELDS : "the fields of the schema in openapi.yaml";
      violations.add(new Violation(field, "unknown field '" + field + "': the known fields are " + known
          + " (names are case-sensitive)"));
      return;
    }
    violations.add(new Violation(field, field + ": " + unit.getError()));
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
