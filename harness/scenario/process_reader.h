// Reads the table of a process leakrig starts (process_spec.h): a
// leakrig.toml's service, and the [[dependency]] tables that a leakrig.toml
// and a catalog scenario share.
#ifndef LEAKRIG_SCENARIO_PROCESS_READER_H_
#define LEAKRIG_SCENARIO_PROCESS_READER_H_

#include <string>
#include <vector>

#include "scenario/process_spec.h"
#include "scenario/toml_reader.h"

namespace leakrig::scenario {

// The fields of one process in table `t`; `prefix` names it in errors
// ("dependency[0]", or "" for a service's top level).
ServiceProcess ReadProcess(ManifestReader& r, const toml::table& t, const std::string& prefix);

// [[dependency]] in `root`: each read with ReadProcess, named, and checked
// to name only itself and the dependencies declared before it.
void ReadDependencies(ManifestReader& r, const toml::table& root, std::vector<ServiceProcess>* dependencies);

// Stand-ins for every value a template may name, to check templates before
// any port exists: the process's own, and dep.NAME.* of `dependencies`.
TemplateValues ProbeValues(const std::vector<ServiceProcess>& dependencies);

// Every {name} in p's templates must be in `known`, and p must be told
// where to listen ({addr} or {port}) unless it has a fixed addr.
void CheckTemplates(ManifestReader& r, const ServiceProcess& p, const std::string& field, const TemplateValues& known);

}  // namespace leakrig::scenario

#endif  // LEAKRIG_SCENARIO_PROCESS_READER_H_
