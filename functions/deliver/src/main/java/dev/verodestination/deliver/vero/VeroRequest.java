package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One call to Vero's API v2: method, path under the API base (e.g. {@code /users/track}) and JSON body. */
public record VeroRequest(String method, String path, ObjectNode body) {}
