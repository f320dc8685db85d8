package dev.tenantplatform.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates objects against the real upstream CRDs kept in {@code ../shared/crds}: the schema of the object's
 * own version, and every key checked against {@code properties} (CRDs prune unknown fields instead of
 * rejecting them, so a plain schema run would let v1beta1-only fields slip through).
 */
public final class CrdValidator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;
  private final Map<String, JsonNode> schemas = new HashMap<>();

  private CrdValidator(Path folder) {
    this.folder = folder;
  }

  /** The CRDs of ../shared/crds; skips the calling test, saying so, where that folder is absent. */
  public static CrdValidator fromSharedFolder() {
    Path folder = Path.of(System.getProperty("tenantplatform.shared", "../../shared")).resolve("crds");
    assumeTrue(Files.isDirectory(folder), "the upstream CRDs are not at " + folder.toAbsolutePath()
        + " (../shared/crds beside the repository): contract tests against them are skipped");
    CrdValidator validator = new CrdValidator(folder);
    validator.load();
    return validator;
  }

  public Path folder() {
    return folder;
  }

  /** Problems found, each naming the CRD file and the path in the object; empty when the object is valid. */
  public List<String> problems(HasMetadata object) {
    return problems((JsonNode) JSON.valueToTree(object));
  }

  public List<String> problems(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    JsonNode schema = schemas.get(apiVersion + "/" + kind);
    if (schema == null) {
      return List.of("no CRD in " + folder + " serves " + kind + " " + apiVersion);
    }
    List<String> problems = new ArrayList<>();
    JsonNode body = object.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("metadata");
    JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    for (ValidationMessage message : validator.validate(body)) {
      problems.add(kind + ": " + message.getMessage());
    }
    unknownFields(kind, "$", object, schema, problems);
    return problems;
  }

  private void unknownFields(String kind, String path, JsonNode value, JsonNode schema, List<String> problems) {
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String at = path + "." + field.getKey();
        if (path.equals("$") && field.getKey().equals("metadata")) {
          continue;
        }
        if (properties.has(field.getKey())) {
          unknownFields(kind, at, field.getValue(), properties.get(field.getKey()), problems);
        } else if (additional.isObject()) {
          unknownFields(kind, at, field.getValue(), additional, problems);
        } else if (!path.equals("$") || !List.of("apiVersion", "kind").contains(field.getKey())) {
          problems.add(kind + ": unknown field " + at + " (the API server would drop it)");
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        unknownFields(kind, path + "[" + i + "]", value.get(i), schema.get("items"), problems);
      }
    }
  }

  private void load() {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
          for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            String key = crd.getSpec().getGroup() + "/" + version.getName() + "/" + crd.getSpec().getNames().getKind();
            schemas.put(key, JSON.valueToTree(version.getSchema().getOpenAPIV3Schema()));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the CRDs in " + folder + ": " + e.getMessage(), e);
    }
  }
}
