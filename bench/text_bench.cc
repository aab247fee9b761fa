// Folding throughput. ASCII names are the first 2000 records of the real OFAC SDN CSV
// ($REDFLAG_DATA_DIR/lists/ofac_sdn/sdn.csv); non-ASCII names are fixed lists written here
// (Latin with diacritics, Cyrillic, Han, Arabic). Each benchmark checks its answer first.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "text/text.h"

namespace {

using redflag::text::Fold;

std::vector<std::string> LoadSdnNames(std::size_t limit) {
  std::vector<std::string> names;
  const char* dir = std::getenv("REDFLAG_DATA_DIR");
  std::ifstream in(std::string(dir ? dir : "../shared/data") + "/lists/ofac_sdn/sdn.csv");
  std::string line;
  while (names.size() < limit && std::getline(in, line)) {
    // ent_num,"SDN_NAME",...: the name is the first quoted field.
    const std::size_t open = line.find(",\"");
    if (open == std::string::npos) continue;
    const std::size_t close = line.find('"', open + 2);
    if (close == std::string::npos) continue;
    names.push_back(line.substr(open + 2, close - open - 2));
  }
  return names;
}

const std::vector<std::string> kLatin = {
    "Société Générale de Négoce",
    "Müller Straße GmbH",
    "Łódzkie Zakłady Włókiennicze",
    "Banco de Crédito Agrícola S.A.",
    "Şahin Çelik Dış Ticaret A.Ş.",
    "Nguyễn Tấn Dũng",
    "Ærø Skibsværft ApS",
    "José María Muñoz Ibáñez",
    "Đorđe Vučić",
    "François Hollande",
};
const std::vector<std::string> kCyrillic = {
    "ООО Газпром",
    "Владимир Владимирович Путин",
    "Публичное акционерное общество Сбербанк",
    "Акционерное общество Концерн Алмаз-Антей",
    "Щукин Жуков Ельцин",
    "Олександр Зеленський",
    "Общество с ограниченной ответственностью Лазарев",
    "Рамзан Ахматович Кадыров",
    "Федеральное государственное унитарное предприятие",
    "Евгений Викторович Пригожин",
};
const std::vector<std::string> kHan = {
    "杭州海康威视数字技术股份有限公司",
    "浙江大华技术股份有限公司",
    "华为技术有限公司",
    "中兴通讯股份有限公司",
    "科大讯飞股份有限公司",
    "北京旷视科技有限公司",
    "厦门美亚柏科信息股份有限公司",
    "依图科技",
    "新疆生产建设兵团",
    "中国电子科技集团公司",
};
const std::vector<std::string> kArabic = {
    "محمد علي",      "أسامة بن لادن",         "حزب الله", "عبد الرحمن", "شركة النفط الوطنية",
    "بنك ملي إيران", "الحرس الثوري الإسلامي", "حسين",     "يوسف أحمد",  "عبد الله",
};

void RunFold(benchmark::State& state, const std::vector<std::string>& names) {
  if (names.empty()) {
    state.SkipWithError("no names: is REDFLAG_DATA_DIR set?");
    return;
  }
  for (const std::string& name : names) {
    if (Fold(name).empty()) {
      state.SkipWithError(("empty fold: " + name).c_str());
      return;
    }
  }
  for (auto _ : state) {
    for (const std::string& name : names) benchmark::DoNotOptimize(Fold(name));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
}

void BM_FoldAscii(benchmark::State& state) {
  static const std::vector<std::string> names = LoadSdnNames(2000);
  RunFold(state, names);
}
void BM_FoldLatinDiacritics(benchmark::State& state) { RunFold(state, kLatin); }
void BM_FoldCyrillic(benchmark::State& state) { RunFold(state, kCyrillic); }
void BM_FoldHan(benchmark::State& state) { RunFold(state, kHan); }
void BM_FoldArabic(benchmark::State& state) { RunFold(state, kArabic); }

// Whole per-name pipeline the index runs: fold, split, legal forms, phonetic key per token.
void BM_FoldTokensLegalFormsPhonetic(benchmark::State& state) {
  static const std::vector<std::string> names = LoadSdnNames(2000);
  if (names.empty()) {
    state.SkipWithError("no names: is REDFLAG_DATA_DIR set?");
    return;
  }
  for (auto _ : state) {
    for (const std::string& name : names) {
      const std::string folded = Fold(name);
      const auto tokens = redflag::text::SplitTokens(folded);
      benchmark::DoNotOptimize(redflag::text::FindLegalForms(tokens));
      for (std::string_view token : tokens) {
        benchmark::DoNotOptimize(redflag::text::PhoneticKey(token));
        benchmark::DoNotOptimize(redflag::text::CanonicalNameVariant(token));
      }
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
}

BENCHMARK(BM_FoldAscii);
BENCHMARK(BM_FoldLatinDiacritics);
BENCHMARK(BM_FoldCyrillic);
BENCHMARK(BM_FoldHan);
BENCHMARK(BM_FoldArabic);
BENCHMARK(BM_FoldTokensLegalFormsPhonetic);

}  // namespace

BENCHMARK_MAIN();
