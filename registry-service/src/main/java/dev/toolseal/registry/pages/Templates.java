package dev.toolseal.registry.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The pages' Qute templates ({@code templates/pages/*.html}), type-checked at build time. */
@CheckedTemplate(basePath = "pages")
public final class Templates {

    private Templates() {
    }

    /** The server list, with the search form. */
    public static native TemplateInstance servers(ServerList list);

    /** One version of one server. */
    public static native TemplateInstance server(ServerPage server);

    /** The diff between two versions, with the form to pick them. */
    public static native TemplateInstance diff(String name, String path, List<String> versions, ServerPage.DiffSection diff);

    /** The log's checkpoint, recent entries and how to verify. */
    public static native TemplateInstance log(LogPage log);

    /** An error page. */
    public static native TemplateInstance error(String title, String detail);
}
