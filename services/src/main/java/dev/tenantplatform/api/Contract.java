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
  private static final Pattern WRONG_TYPE = Pattern.compile("Instance type (\\w+) is invalid\\. Expected (\\w+)");
  private static final Pattern REQUIRED = Pattern.compile("required property \"(.+?)\"");
  private static final List<String> CLUSTER_FIELDS = Arrays.stream(ClusterSpec.class.getRecordComponents())
      .map(RecordComponent::getName).toList();
  private static final List<String> TOP_FIELDS = List.of("tenant", "cluster");

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
            "the body is not JSON " + jsonProblem(e) + "; send a JSON object such as"
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
    String error = unit.getError();
    // The validator also reports the schemas that merely contain a failing one: only the leaves say what is wrong.
    if (error == null || error.contains("does not match schema") || error.contains("subschema had errors")) {
      return;
    }
    Violation violation = violation(field(unit.getInstanceLocation()), error);
    if (violation != null && !violations.contains(violation)) {
      violations.add(violation);
    }
  }

  /** The validator's message in the API's words, or null when it only echoes another (a known field's error). */
  private static Violation violation(String field, String error) {
    String parent = field.contains(".") ? field.substring(0, field.lastIndexOf('.')) : "";
    String name = field.substring(field.lastIndexOf('.') + 1);
    if (UNKNOWN_PROPERTY.matcher(error).find()) {
      List<String> known = "cluster".equals(parent) ? CLUSTER_FIELDS : TOP_FIELDS;
      return known.contains(name) ? null : new Violation(field, "unknown field '" + field + "': the known fields"
          + " are " + String.join(", ", known) + " (names are case-sensitive)");
    }
    Matcher type = WRONG_TYPE.matcher(error);
    if (type.find()) {
      return new Violation(field, "field '" + field + "' must be " + article(type.group(2)) + ", got "
          + article(type.group(1)));
    }
    Matcher required = REQUIRED.matcher(error);
    if (required.find()) {
      String missing = ("body".equals(field) ? "" : field + ".") + required.group(1);
      return new Violation(missing, "field '" + missing + "' is missing: it is required here");
    }
    return new Violation(field, field + ": " + error);
  }

  private static String article(String type) {
    return switch (type) {
      case "integer" -> "a whole number";
      case "string" -> "a string";
      case "object" -> "an object";
      case "array" -> "an array";
      case "boolean" -> "true or false";
      case "null" -> "null";
      default -> type;
    };
  }

  /** Jackson's message without its parser internals: what is wrong, and where. */
  private static String jsonProblem(DecodeException e) {
    String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").replace("Failed to decode:", "");
    Matcher where = Pattern.compile("line: (\\d+), column: (\\d+)").matcher(message);
    int cut = message.indexOf(" at [Source");
    String what = (cut > 0 ? message.substring(0, cut) : message).trim();
    return where.find() ? "at line " + where.group(1) + ", column " + where.group(2) + ": " + what : what;
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
