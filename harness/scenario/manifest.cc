#include "scenario/manifest.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <regex>

#include "scenario/process_reader.h"
#include "scenario/toml_reader.h"

namespace leakrig::scenario {
namespace {

using Reader = ManifestReader;

void ReadSuspect(Reader& r, const toml::table& t, const std::string& field, verdict::ExpectedSuspect* suspect) {
  suspect->function_regex = r.String(t, "suspect_function", field + ".suspect_function", false);
  suspect->wait_reasons = r.Strings(t, "suspect_wait", field + ".suspect_wait");
  try {
    std::regex check(suspect->function_regex);
  } catch (const std::regex_error& e) {
    r.Error(field + ".suspect_function", fmt::format("is not a valid regular expression: {}", e.what()));
  }
}

VariantSpec ReadVariant(Reader& r, std::string name, const toml::table& t) {
  std::string field = "variants." + name;
  VariantSpec v;
  v.name = std::move(name);
  if (!IsSafeName(v.name)) r.Error(field, "variant names must match [a-z0-9][a-z0-9_-]*");
  std::string expected = r.String(t, "expected", field + ".expected", true);
  if (auto parsed = verdict::ParseVerdict(expected);
      parsed && *parsed != verdict::Verdict::kError && *parsed != verdict::Verdict::kSkipped) {
    v.expected = *parsed;
  } else if (!expected.empty()) {
    r.Error(field + ".expected", fmt::format("is \"{}\"; want leak, lingering or clean", expected));
  }
  v.flags = r.Strings(t, "flags", field + ".flags");
  if (!t.contains("flags")) v.flags = {"-variant=" + v.name};
  ReadJudge(r, t, field + ".judge", &v.judge);
  v.env = r.StringMap(t, "env", field + ".env");
  ReadSuspect(r, t, field, &v.suspect);
  return v;
}

// leaky first, then fixed, then any others by name: the order runs are shown in.
int VariantRank(const std::string& name) { return name == "leaky" ? 0 : name == "fixed" ? 1 : 2; }

void ReadVariants(Reader& r, const toml::table& root, std::vector<VariantSpec>* variants) {
  const toml::table* t = r.Table(root, "variants", "variants");
  if (!t || t->empty()) return r.Error("variants", "at least one [variants.NAME] table is required");
  for (const auto& [key, node] : *t) {
    std::string name(key.str());
    if (const toml::table* vt = node.as_table())
      variants->push_back(ReadVariant(r, name, *vt));
    else
      r.Error("variants." + name, "must be a table");
  }
  std::stable_sort(variants->begin(), variants->end(), [](const VariantSpec& a, const VariantSpec& b) {
    return std::pair(VariantRank(a.name), a.name) < std::pair(VariantRank(b.name), b.name);
  });
}

void ReadTopLevel(Reader& r, const toml::table& root, Scenario* s) {
  s->name = r.String(root, "name", "name", true);
  s->pattern = r.String(root, "pattern", "pattern", true);
  s->fixture = r.String(root, "fixture", "fixture", true);
  s->source = r.String(root, "source", "source", false);
  s->upstream = r.String(root, "upstream", "upstream", false);
  if (root.contains("path")) s->path = r.String(root, "path", "path", true);
  if (!s->name.empty() && !IsSafeName(s->name)) r.Error("name", "must match [a-z0-9][a-z0-9_-]*");
  if (!s->fixture.empty() && !IsSafeName(s->fixture)) r.Error("fixture", "must match [a-z0-9][a-z0-9_-]*");
  if (!s->upstream.empty() && !IsSafeName(s->upstream)) r.Error("upstream", "must match [a-z0-9][a-z0-9_-]*");
  if (s->path.empty() || s->path[0] != '/') r.Error("path", "must start with /");
  if (s->source.find("..") != std::string::npos || (!s->source.empty() && s->source[0] == '/')) {
    r.Error("source", "must be a path inside the repository");
  }
}

// The fixture's flags and env may name the dependencies' addresses, and nothing else.
void CheckFixtureTemplates(Reader& r, const Scenario& s) {
  TemplateValues known;
  for (const ServiceProcess& d : s.dependencies) {
    known["dep." + d.name + ".addr"] = "127.0.0.1:3";
    known["dep." + d.name + ".port"] = "3";
  }
  auto check = [&](const std::string& field, const std::string& text) {
    for (const std::string& name : PlaceholdersIn(text)) {
      if (known.count(name) == 0) {
        r.Error(field, fmt::format("names {{{}}}, which is not {{dep.NAME.addr}} or {{dep.NAME.port}} of a "
                                   "[[dependency]] of this scenario",
                                   name));
      }
    }
  };
  for (const auto& [key, value] : s.env) check("env." + key, value);
  for (const VariantSpec& v : s.variants) {
    for (const std::string& flag : v.flags) check("variants." + v.name + ".flags", flag);
    for (const auto& [key, value] : v.env) check("variants." + v.name + ".env." + key, value);
  }
}

void ReadScenario(Reader& r, const toml::table& root, Scenario* s) {
  ReadTopLevel(r, root, s);
  s->env = r.StringMap(root, "env", "env");
  ReadDependencies(r, root, &s->dependencies);
  ReadLoad(r, root, &s->load);
  ReadTiming(r, root, &s->timing);
  ReadVariants(r, root, &s->variants);
  CheckFixtureTemplates(r, *s);
}

}  // namespace

bool IsSafeName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  auto plain = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!plain(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return plain(c) || c == '-' || c == '_'; });
}

const VariantSpec* Scenario::FindVariant(std::string_view wanted) const {
  for (const VariantSpec& v : variants) {
    if (v.name == wanted) return &v;
  }
  return nullptr;
}

ParsedManifest ParseManifest(std::string_view toml_text, std::string_view origin) {
  ParsedManifest out;
  out.scenario = ReadManifest<Scenario>(toml_text, origin, ReadScenario, &out.errors);
  return out;
}

}  // namespace leakrig::scenario
