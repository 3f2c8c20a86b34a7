#include "profile/proto_parser.h"

#include <zlib.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "profile.pb.h"

namespace leakrig::profile {
namespace {

namespace pb = ::perftools::profiles;

enum class InflateResult { kDone, kCut, kBroken, kTooLarge };

// Inflates a gzip stream into *out, stopping at kMaxInflatedProto.
InflateResult Gunzip(std::string_view data, std::string* out) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return InflateResult::kBroken;
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int status = Z_OK;
  char chunk[1 << 16];
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof(chunk);
    status = inflate(&stream, Z_NO_FLUSH);
    out->append(chunk, sizeof(chunk) - stream.avail_out);
    if (out->size() > kMaxInflatedProto) status = Z_MEM_ERROR;
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  inflateEnd(&stream);
  if (status == Z_STREAM_END) return InflateResult::kDone;
  if (status == Z_BUF_ERROR) return InflateResult::kCut;
  if (status == Z_MEM_ERROR) return InflateResult::kTooLarge;
  return InflateResult::kBroken;
}

// Turns string-table indexes and ids into interned frames, checking every
// index: a profile from a user's file is not trusted.
class ProfileReader {
 public:
  ProfileReader(const pb::Profile& profile, SnapshotBuilder* builder) : profile_(profile), builder_(builder) {}

  void Read();

 private:
  bool String(int64_t index, std::string_view* out);
  std::string SampleTypes();
  bool IsDelta() const;
  void ReadFunctions();
  void ReadLocations();
  void ReadSample(const pb::Sample& sample);
  LabelSetId ReadLabels(const pb::Sample& sample);
  void Error(std::string message) { builder_->AddError(0, std::move(message)); }

  const pb::Profile& profile_;
  SnapshotBuilder* const builder_;
  struct FunctionInfo {
    std::string_view name, file;
  };
  std::unordered_map<uint64_t, FunctionInfo> functions_;
  std::unordered_map<uint64_t, std::vector<FrameId>> locations_;
  std::vector<FrameId> frames_;
};

bool ProfileReader::String(int64_t index, std::string_view* out) {
  if (index < 0 || index >= profile_.string_table_size()) return false;
  *out = profile_.string_table(static_cast<int>(index));
  return true;
}

// "alloc_objects/count, alloc_space/bytes": what the profile measures.
std::string ProfileReader::SampleTypes() {
  std::string out;
  for (const pb::ValueType& t : profile_.sample_type()) {
    std::string_view type, unit;
    String(t.type(), &type);
    String(t.unit(), &unit);
    out += (out.empty() ? "" : ", ") + std::string(type) + "/" + std::string(unit);
  }
  return out;
}

// net/http/pprof's serveDeltaProfile sets duration_nanos to the window and
// subtracts the first snapshot, so counts may be negative; a plain goroutine
// profile has neither (runtime/pprof sets duration only for CPU profiles).
bool ProfileReader::IsDelta() const {
  if (profile_.duration_nanos() > 0) return true;
  for (const pb::Sample& sample : profile_.sample()) {
    if (sample.value_size() > 0 && sample.value(0) < 0) return true;
  }
  return false;
}

// Names another profile by its first sample type, as net/http/pprof serves
// them: heap and allocs, CPU, mutex and block contention, threadcreate.
std::string_view OtherProfileName(std::string_view type) {
  if (type.starts_with("alloc_") || type.starts_with("inuse_")) return "heap";
  if (type == "samples" || type == "cpu") return "CPU";
  if (type == "contentions" || type == "delay") return "mutex or block";
  if (type == "threadcreate") return "threadcreate";
  return "non-goroutine";
}

void ProfileReader::Read() {
  std::string_view type;
  if (profile_.sample_type_size() == 0 || !String(profile_.sample_type(0).type(), &type)) {
    Error("profile.proto without a sample type");
  } else if (type != "goroutine" && type != "goroutineleak") {
    // Its samples would read as goroutine counts: stop here.
    Error("a " + std::string(OtherProfileName(type)) + " profile (sample types " + SampleTypes() +
          "), not a goroutine profile");
    return;
  }
  ReadFunctions();
  ReadLocations();
  for (const pb::Sample& sample : profile_.sample()) ReadSample(sample);
  if (type == "goroutineleak") builder_->MarkAllLeaked();
  if (IsDelta()) builder_->SetDelta(profile_.duration_nanos());
}

void ProfileReader::ReadFunctions() {
  for (const pb::Function& function : profile_.function()) {
    FunctionInfo info;
    if (!String(function.name(), &info.name) || !String(function.filename(), &info.file)) {
      Error("function " + std::to_string(function.id()) + ": string index out of range");
      continue;
    }
    functions_[function.id()] = info;
  }
}

void ProfileReader::ReadLocations() {
  for (const pb::Location& location : profile_.location()) {
    std::vector<FrameId>& frames = locations_[location.id()];
    for (const pb::Line& line : location.line()) {
      const auto it = functions_.find(line.function_id());
      if (it == functions_.end()) {
        Error("location " + std::to_string(location.id()) + ": unknown function " + std::to_string(line.function_id()));
        continue;
      }
      const auto number = static_cast<int32_t>(line.line());
      frames.push_back(builder_->InternFrame(it->second.name, it->second.file, number));
    }
  }
}

void ProfileReader::ReadSample(const pb::Sample& sample) {
  frames_.clear();
  for (const uint64_t id : sample.location_id()) {
    const auto it = locations_.find(id);
    if (it == locations_.end()) {
      Error("sample: unknown location " + std::to_string(id));
      continue;
    }
    frames_.insert(frames_.end(), it->second.begin(), it->second.end());
  }
  Goroutine record;
  record.count = sample.value_size() > 0 ? sample.value(0) : 0;
  record.stack = builder_->InternStack(frames_);
  record.labels = ReadLabels(sample);
  builder_->AddGoroutine(record);
}

LabelSetId ProfileReader::ReadLabels(const pb::Sample& sample) {
  std::vector<Label> labels;
  for (const pb::Label& label : sample.label()) {
    std::string_view key, value;
    if (!String(label.key(), &key) || !String(label.str(), &value)) {
      Error("label: string index out of range");
      continue;
    }
    std::string number;
    if (label.str() == 0 && label.num() != 0) {
      number = std::to_string(label.num());
      value = number;
    }
    labels.push_back(Label{builder_->Intern(key), builder_->Intern(value)});
  }
  return builder_->InternLabels(std::move(labels));
}

// Returns the proto bytes, inflating them first if gzipped; nullopt-like
// false when nothing can be read.
bool ProtoBytes(std::string_view data, std::string* inflated, std::string_view* bytes, SnapshotBuilder* builder) {
  if (!IsGzip(data)) {
    *bytes = data;
    return true;
  }
  switch (Gunzip(data, inflated)) {
    case InflateResult::kDone:
      *bytes = *inflated;
      return true;
    case InflateResult::kCut:
      builder->SetTruncated();
      builder->AddError(0, "a gzip stream cut short after " + std::to_string(inflated->size()) + " bytes inflated");
      return false;
    case InflateResult::kTooLarge:
      builder->AddError(0, "inflated profile exceeds " + std::to_string(kMaxInflatedProto) + " bytes");
      return false;
    case InflateResult::kBroken:
      break;
  }
  builder->AddError(0, "a corrupt gzip stream");
  return false;
}

}  // namespace

bool IsGzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f && static_cast<unsigned char>(data[1]) == 0x8b;
}

void ParseProto(std::string_view data, SnapshotBuilder* builder) {
  std::string inflated;
  std::string_view bytes;
  if (!ProtoBytes(data, &inflated, &bytes, builder)) return;
  pb::Profile profile;
  if (bytes.size() > INT32_MAX || !profile.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    builder->AddError(0, IsGzip(data) ? "gzip holding no profile.proto message"
                                      : "binary data that is neither gzip "
                                        "nor a profile.proto message (random "
                                        "bytes?)");
    return;
  }
  ProfileReader(profile, builder).Read();
}

}  // namespace leakrig::profile
