#include "http/openapi.hpp"

#include <cctype>

namespace ritme::http {
namespace {

std::vector<std::string> path_parameters(const std::string& pattern) {
    std::vector<std::string> names;
    std::size_t open = pattern.find('{');
    while (open != std::string::npos) {
        std::size_t close = pattern.find('}', open);
        if (close == std::string::npos) break;
        names.push_back(pattern.substr(open + 1, close - open - 1));
        open = pattern.find('{', close);
    }
    return names;
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string operation_id(const Route& route) {
    std::string id = lower(route.method);
    bool separator = true;
    for (char c : route.pattern) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            if (separator) id += '_';
            id += c;
            separator = false;
        } else {
            separator = true;
        }
    }
    return id;
}

Json error_reference() {
    return {{"$ref", "#/components/schemas/Error"}};
}

Json error_response_object(const char* description) {
    return {{"description", description}, {"content", {{"application/json", {{"schema", error_reference()}}}}}};
}

Json operation(const Route& route) {
    bool plain_text = !route.pattern.starts_with("/api/");
    Json op;
    op["operationId"] = operation_id(route);
    op["summary"] = route.summary.empty() ? route.method + " " + route.pattern : route.summary;
    if (route.access == Access::anonymous) {
        op["security"] = Json::array({Json::object()});
    } else {
        op["security"] = Json::array({{{"bearer", Json::array()}}, {{"cookie", Json::array()}}});
    }
    if (route.access == Access::admin) op["description"] = "Admins only; members get 403.";

    Json parameters = Json::array();
    for (const std::string& name : path_parameters(route.pattern)) {
        parameters.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const std::string& name : route.query) {
        parameters.push_back({{"name", name}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    const bool takes_if_match = route.versioned && route.method == "PUT";
    if (takes_if_match) {
        parameters.push_back({{"name", "If-Match"},
                              {"in", "header"},
                              {"required", false},
                              {"description",
                               "The version the edit is based on, as the item's ETag gave it (\"3\"): another "
                               "version stored, or none, answers 412 and changes nothing"},
                              {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;

    if (route.body == Route::Body::file) {
        Json file = {{"schema", {{"type", "string"}, {"contentMediaType", "application/octet-stream"}}}};
        op["requestBody"] = {
            {"required", true},
            {"content", {{"application/octet-stream", file}, {"application/zip", file}, {"application/json", file}}},
        };
    } else if (route.method == "POST" || route.method == "PUT" || route.method == "PATCH") {
        op["requestBody"] = {
            {"required", false},
            {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}},
        };
    }

    Json responses;
    if (plain_text) {
        responses["200"] = {{"description", "OK"}, {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}};
    } else {
        responses["2XX"] = {{"description", "Success"},
                            {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
        for (const std::string& media : route.answers_also) {
            responses["2XX"]["content"][media] = {{"schema", {{"type", "string"}, {"contentMediaType", media}}}};
        }
        responses["400"] = error_response_object("Malformed request, body or period");
        if (route.access != Access::anonymous) responses["401"] = error_response_object("Not signed in");
        responses["403"] = error_response_object("Forbidden (also: missing X-CSRF-Token with the session cookie)");
        responses["404"] = error_response_object("Not found, or not yours to see");
        if (route.versioned) {
            responses["2XX"]["headers"] = {
                {"ETag", {{"description", "The item's version (\"3\")"}, {"schema", {{"type", "string"}}}}}};
        }
        if (takes_if_match) {
            responses["412"] = {
                {"description",
                 "If-Match names another version than the one stored: nothing changed; the body holds the error "
                 "and the item as stored now (`current`, null when there is none)"},
                {"content",
                 {{"application/json",
                   {{"schema",
                     {{"allOf", Json::array({error_reference(),
                                             {{"type", "object"},
                                              {"properties", {{"current", {{"type", {"object", "null"}}}}}}}})}}}}}}}};
        }
        if (route.body == Route::Body::file) {
            responses["413"] = error_response_object("File over 50 MiB, or a zip that unpacks to too much");
            responses["422"] = error_response_object("The file is not the export it should be; nothing was imported");
        } else if (op.contains("requestBody")) {
            responses["413"] = error_response_object("Body over 1 MiB");
            responses["415"] = error_response_object("Body is not application/json");
            responses["422"] = error_response_object("Validation failed");
        }
    }
    responses["default"] = error_response_object("Error");
    op["responses"] = responses;
    return op;
}

}  // namespace

Json openapi_document(const Router& router) {
    Json paths = Json::object();
    for (const Route& route : router.routes()) {
        paths[route.pattern][lower(route.method)] = operation(route);
    }
    Json error_schema = {
        {"type", "object"},
        {"required", Json::array({"error"})},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"required", Json::array({"code", "message"})},
            {"properties",
             {{"code",
               {{"type", "string"},
                {"enum", Json::array({"bad_request", "unauthenticated", "forbidden", "not_found", "method_not_allowed",
                                      "conflict", "payload_too_large", "unsupported_media_type", "validation_failed",
                                      "rate_limited", "precondition_failed", "insufficient_storage",
                                      "internal"})}}},
              {"message", {{"type", "string"}}},
              {"field", {{"type", "string"}}}}}}}}},
    };
    return {
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "Ritme JSON API"},
          {"version", "1"},
          {"description",
           "Learning on the job: the daily diary, the weekly peer review, the monthly reflection, "
           "the quarterly Learning Contract and the yearly review."}}},
        {"paths", paths},
        {"components",
         {{"schemas", {{"Error", error_schema}}},
          {"securitySchemes",
           {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "A personal access token (rt_...)"}}},
            {"cookie",
             {{"type", "apiKey"},
              {"in", "cookie"},
              {"name", "ritme_session"},
              {"description",
               "The session cookie set by POST /api/v1/auth/login; state-changing requests "
               "also carry X-CSRF-Token"}}}}}}},
    };
}

}  // namespace ritme::http
