// Legal-form detection on folded token sequences ("co ltd", "ooo", "joint stock company").
//
// Equivalent forms share one class, so "JSC", "Joint Stock Company" and "AO" compare equal, and
// the matcher can drop or down-weight the legal form and compare the rest of the name. The full
// phrase table and the class of each phrase are in legal_form_table.inc and docs/text.md.
// Thread-safety: all functions are safe to call concurrently (read-only tables built once).
// Failure: none; unknown input simply yields no span.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace redflag::text {

enum class LegalFormClass : std::uint8_t {
  kNone,
  kLimited,      // ltd, limited, co ltd, company limited, pvt ltd, pte ltd, pty ltd, bv, sdn bhd
  kLlc,          // llc, ooo, limited liability company, gmbh, sarl, srl, sro, sp z oo, ltda, too
  kJointStock,   // jsc, ao, zao/cjsc, oao/ojsc, pao/pjsc, ag, sa, spa, nv, as, ab, oyj, tas
  kCorporation,  // inc, incorporated, corp, corporation, kk, kabushiki kaisha
  kCompany,      // co, company, cie, and co, gong si
  kPartnership,  // llp, lp, partnership, kg, gmbh co kg, ohg, snc
  kPlc,          // plc, public limited company, pcl
  kFreeZone,     // fze, fzco, fzc, fz llc
  kCooperative,  // coop, cooperative, cooperativa
  kFoundation,   // foundation, stiftung, fundacion, fondation
  kState,        // fgup, gup, mup, sue, state unitary enterprise
  kOther,        // ano, nko, establishment, sole proprietorship, ip, chp
};

// "none", "limited", "llc", "joint_stock", ... (stable, used in explanations and JSON).
std::string_view LegalFormClassName(LegalFormClass form);

// A legal form occupies tokens [begin, end) of the sequence passed in.
struct LegalFormSpan {
  std::uint32_t begin;
  std::uint32_t end;
  LegalFormClass form;
};

// Finds legal-form phrases in folded tokens, left to right, longest phrase first at each
// position. Spans never overlap and are sorted by `begin`. Short ambiguous forms that are also
// common words or name parts ("as", "sa", "ag", "ab", "co", "ao", "too", "spa", "pt", ...) count
// only when the span touches the start or end of the name or another legal-form span
// ("OOO Lazarev", "Gazprom Neft PAO", "Acme Co Ltd"); everything else counts anywhere.
std::vector<LegalFormSpan> FindLegalForms(const std::vector<std::string_view>& tokens);

// True when `tokens` is non-empty and every token lies in a legal-form span ("co ltd").
bool IsOnlyLegalForm(const std::vector<std::string_view>& tokens);

}  // namespace redflag::text
