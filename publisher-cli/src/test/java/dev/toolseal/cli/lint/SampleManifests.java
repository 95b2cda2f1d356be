package dev.toolseal.cli.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.RawSession;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Manifests built from hand-written raw MCP results with {@link ManifestAssembler}: an honest,
 * real-looking file server (modelled on what public filesystem and GitHub servers describe), to
 * which a test adds one tool of its own.
 */
public final class SampleManifests {
  public static final ObjectMapper JSON = JsonMapper.builder().build();
  public static final ServerRef SERVER = new ServerRef("io.github.acme/files", "2.1.0");

  static final String CLIENT = """
      {"roots": {"listChanged": true}, "sampling": {}, "elicitation": {}}""";
  static final String INITIALIZE = """
      {"protocolVersion": "2025-06-18",
       "capabilities": {"tools": {"listChanged": true}, "prompts": {}, "resources": {}},
       "serverInfo": {"name": "acme-files", "title": "Acme Files \\uD83D\\uDC69\\u200D\\uD83D\\uDCBB",
                      "version": "2.1.0", "websiteUrl": "https://acme.example/files"},
       "instructions": "File tools for the allowed directories. Call list_allowed_directories first, then use read_text_file or search_files. Paths outside the allowed directories are refused.\\n\\nLarge files: pass head or tail to read_text_file."}""";
  static final String TOOLS = """
      {"tools": [
        {"name": "read_text_file", "title": "Read text file",
         "description": "Read the complete contents of a file from the file system as text. Handles various text encodings and gives detailed error messages if the file cannot be read. Use the 'head' parameter to read only the first N lines of a file, or the 'tail' parameter to read only the last N lines. Only works within allowed directories.",
         "inputSchema": {"type": "object", "additionalProperties": false,
           "properties": {
             "path": {"type": "string", "description": "Path to the file, e.g. /home/me/notes/todo.md"},
             "head": {"type": "number", "description": "If provided, returns only the first N lines of the file"},
             "tail": {"type": "number", "description": "If provided, returns only the last N lines of the file"}},
           "required": ["path"],
           "$schema": "http://json-schema.org/draft-07/schema#"},
         "annotations": {"readOnlyHint": true}},
        {"name": "search_files", "title": "Search files",
         "description": "Recursively search for files and directories matching a glob pattern, starting from a directory. Returns full paths to all matching items.\\n\\nExamples:\\n  - '*.py' finds Python files\\n  - 'src/**/test_*.java' finds tests",
         "inputSchema": {"type": "object",
           "properties": {
             "path": {"type": "string"},
             "pattern": {"type": "string", "description": "Glob pattern, e.g. **/*.md"},
             "excludePatterns": {"type": "array", "items": {"type": "string"}, "default": []},
             "cursor": {"type": "string", "description": "Opaque pagination cursor from a previous call"},
             "page_token": {"type": "string", "description": "Token for the next page of results"}},
           "required": ["path", "pattern"]},
         "outputSchema": {"type": "object", "properties": {"matches": {"type": "array", "items": {"type": "string"}}}}},
        {"name": "list_allowed_directories",
         "description": "Returns the list of directories that this server is allowed to access. Use this to understand which directories are available before trying to access files.",
         "inputSchema": {"type": "object", "properties": {}}},
        {"name": "summarize_file",
         "description": "Summarize a file with the client's model (sampling). The summary is at most max_tokens tokens long; temperature 0.2. Température et café: ☕ 漢字 °C ok.",
         "inputSchema": {"type": "object",
           "properties": {
             "path": {"type": "string", "description": "The file to summarize"},
             "max_tokens": {"type": "integer", "minimum": 1, "maximum": 4096, "default": 512},
             "style": {"type": "string", "enum": ["brief", "detailed", "bullet points"]}},
           "required": ["path"]},
         "_meta": {"io.github.acme/owner": "files-team"}}
       ]}""";
  static final String PROMPTS = """
      {"prompts": [
        {"name": "review_changes", "title": "Review changes",
         "description": "Review the files changed in a directory and suggest improvements.",
         "arguments": [{"name": "directory", "description": "Directory to review", "required": true},
                       {"name": "focus", "description": "What to focus on, e.g. naming or tests"}]}]}""";
  static final String RESOURCES = """
      {"resources": [
        {"uri": "file:///home/me/notes/todo.md", "name": "todo", "title": "To-do list", "mimeType": "text/markdown"}]}""";
  static final String TEMPLATES = """
      {"resourceTemplates": [
        {"uriTemplate": "file:///home/me/notes/{name}.md", "name": "note", "description": "A note by name"}]}""";

  private SampleManifests() {}

  /** The honest server. */
  public static ToolManifest clean() {
    return build(List.of());
  }

  /** The honest server plus one tool given as raw JSON. */
  public static ToolManifest withTool(String toolJson) {
    return build(List.of(toolJson));
  }

  /** The honest server plus a tool {@code probe} with this description. */
  public static ToolManifest withDescription(String description) {
    ObjectNode tool = JSON.createObjectNode();
    tool.put("name", "probe");
    tool.put("description", description);
    tool.putObject("inputSchema").put("type", "object");
    return withTool(tool.toString());
  }

  /** The honest server plus a tool {@code probe} with one parameter. */
  public static ToolManifest withParameter(String name, String description) {
    ObjectNode tool = JSON.createObjectNode();
    tool.put("name", "probe");
    tool.put("description", "Looks something up.");
    ObjectNode param = tool.putObject("inputSchema").put("type", "object")
        .putObject("properties").putObject(name).put("type", "string");
    if (description != null) {
      param.put("description", description);
    }
    return withTool(tool.toString());
  }

  /** The raw session of the honest server plus extra tools (a second tools/list page). */
  public static RawSession session(List<String> extraTools) {
    List<String> pages = new ArrayList<>(List.of(TOOLS));
    if (!extraTools.isEmpty()) {
      pages.add("{\"tools\": [" + String.join(",", extraTools) + "]}");
    }
    return new RawSession(SERVER, CLIENT, INITIALIZE, pages, List.of(PROMPTS),
        List.of(RESOURCES), List.of(TEMPLATES));
  }

  private static ToolManifest build(List<String> extraTools) {
    try {
      return new ManifestAssembler().assemble(session(extraTools));
    } catch (ManifestException e) {
      throw new AssertionError(e);
    }
  }
}
