"""Controlled vocabularies for incident facts.

Every behaviour in the legal digest (sources.md §11) has an act kind here. Values are
English identifiers; their Indonesian and English labels live in `labels.py`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class EmploymentStatus(StrEnum):
    PNS = "pns"
    CPNS = "cpns"
    PPPK = "pppk"
    PPPK_PARUH_WAKTU = "pppk_paruh_waktu"
    """Part-time PPPK: ASN by KepmenPANRB 16/2025 (13 Jan 2025); reached by the PPPK provisions from that day."""
    NON_ASN = "non_asn"


PPPK_PARUH_WAKTU_FROM = date(2025, 1, 13)
"""KepmenPANRB 16/2025 (13 Jan 2025) creates PPPK paruh waktu as ASN, drawn from non-ASN staff in BKN's database
(diktum KELIMA): on an earlier day a person now reported as PPPK paruh waktu was a non-ASN employee."""


class PositionClass(StrEnum):
    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    FUNGSIONAL = "fungsional"
    PELAKSANA = "pelaksana"


class Office(StrEnum):
    """Specific offices that matter for some provisions or for reporting."""

    SEKRETARIS_DAERAH = "sekretaris_daerah"
    KEPALA_DINAS = "kepala_dinas"
    KEPALA_BADAN = "kepala_badan"
    KEPALA_BIDANG = "kepala_bidang"
    KEPALA_SEKSI = "kepala_seksi"
    SEKRETARIS_DESA = "sekretaris_desa"
    CAMAT = "camat"
    LURAH = "lurah"
    KEPALA_SEKOLAH = "kepala_sekolah"
    GURU = "guru"
    DOSEN = "dosen"
    TENAGA_KESEHATAN = "tenaga_kesehatan"
    PENYULUH = "penyuluh"
    KEPALA_DAERAH = "kepala_daerah"
    PENJABAT_KEPALA_DAERAH = "penjabat_kepala_daerah"
    OTHER = "other"


class PartyRole(StrEnum):
    MEMBER = "member"
    OFFICER = "officer"


class ElectionKind(StrEnum):
    PEMILU = "pemilu"
    PEMILIHAN = "pemilihan"


class Race(StrEnum):
    PRESIDEN = "presiden"
    DPR = "dpr"
    DPD = "dpd"
    DPRD_PROVINSI = "dprd_provinsi"
    DPRD_KABKOTA = "dprd_kabkota"
    GUBERNUR = "gubernur"
    BUPATI = "bupati"
    WALI_KOTA = "wali_kota"
    DPRD = "dprd"
    """A DPRD race whose level (provinsi or kabupaten/kota) the report does not give."""
    LEGISLATIF = "legislatif"
    """A legislative race (DPR, DPD or DPRD) the report does not name."""

    @property
    def election_kind(self) -> ElectionKind:
        """Pemilu (UU 7/2017) or Pemilihan (UU 10/2016)."""
        if self in (Race.GUBERNUR, Race.BUPATI, Race.WALI_KOTA):
            return ElectionKind.PEMILIHAN
        return ElectionKind.PEMILU

    @property
    def covers(self) -> tuple[Race, ...]:
        """The races a partly known race may be: itself when fully known."""
        if self is Race.DPRD:
            return (Race.DPRD_PROVINSI, Race.DPRD_KABKOTA)
        if self is Race.LEGISLATIF:
            return (Race.DPR, Race.DPD, Race.DPRD_PROVINSI, Race.DPRD_KABKOTA)
        return (self,)


class Phase(StrEnum):
    """Where an act falls in the election calendar."""

    BEFORE_DETERMINATION = "before_determination"
    AFTER_DETERMINATION = "after_determination"
    CAMPAIGN = "campaign"
    QUIET_PERIOD = "quiet_period"
    VOTING_DAY = "voting_day"
    AFTER_VOTING = "after_voting"


class Standing(StrEnum):
    """The target's standing at the act's date: bakal calon before KPU determination, calon after."""

    BAKAL_CALON = "bakal_calon"
    CALON = "calon"


class TargetKind(StrEnum):
    CANDIDATE = "candidate"
    PARTY = "party"
    CAMPAIGN_TEAM = "campaign_team"


class ActKind(StrEnum):
    """Behaviours covered by the rulebook."""

    SOCIAL_MEDIA_POST = "social_media_post"
    SOCIAL_MEDIA_LIKE = "social_media_like"
    SOCIAL_MEDIA_COMMENT = "social_media_comment"
    SOCIAL_MEDIA_SHARE = "social_media_share"
    SOCIAL_MEDIA_FOLLOW = "social_media_follow"
    SOCIAL_MEDIA_JOIN_GROUP = "social_media_join_group"
    SOCIAL_MEDIA_CAMPAIGN = "social_media_campaign"
    BANNER_INSTALLATION = "banner_installation"
    PARTISAN_PHOTO = "partisan_photo"
    ATTEND_DECLARATION = "attend_declaration"
    ATTEND_CAMPAIGN = "attend_campaign"
    MOBILISE_ASN = "mobilise_asn"
    STATE_FACILITY_USE = "state_facility_use"
    FAVOURING_DECISION = "favouring_decision"
    PARTISAN_ACTIVITY = "partisan_activity"
    SUPPORT_LETTER_WITH_ID = "support_letter_with_id"
    PARTY_APPROACH = "party_approach"
    SELF_DECLARATION = "self_declaration"
    CAMPAIGN_TEAM_ROLE = "campaign_team_role"
    PARTY_EVENT_SPEAKER = "party_event_speaker"
    ACCOMPANY_SPOUSE = "accompany_spouse"
    OFFICIAL_REPLACEMENT = "official_replacement"
    PROGRAMME_USE = "programme_use"
    RECORDED_DECLARATION = "recorded_declaration"
    """A recorded or video declaration of support (published or circulated)."""


class Channel(StrEnum):
    SOCIAL_MEDIA = "social_media"
    MESSAGING_GROUP = "messaging_group"
    IN_PERSON = "in_person"
    PRINT = "print"
    BROADCAST = "broadcast"
    OFFICIAL_CHANNEL = "official_channel"


class Gesture(StrEnum):
    """Hand gestures in photos (BKN guidance, Nov 2023)."""

    THUMB_UP = "thumb_up"
    INDEX_FINGER = "index_finger"
    PEACE_SIGN = "peace_sign"
    THREE_FINGERS = "three_fingers"
    FOUR_FINGERS = "four_fingers"
    FIVE_FINGERS = "five_fingers"
    METAL = "metal"
    FINGER_GUN = "finger_gun"
    PHONE_SIGN = "phone_sign"
    FINGER_HEART = "finger_heart"
    OK_SIGN = "ok_sign"
    CLENCHED_FIST = "clenched_fist"
    HAND_ON_CHEST = "hand_on_chest"
    OTHER_PARTISAN_SYMBOL = "other_partisan_symbol"


class Attribute(StrEnum):
    """Attributes worn or shown."""

    PARTY = "party"
    ASN = "asn"
    CANDIDATE = "candidate"
    AGENCY = "agency"
    CAMPAIGN_PROPS = "campaign_props"
    PARTISAN_BACKGROUND = "partisan_background"


class Audience(StrEnum):
    ASN_IN_UNIT = "asn_in_unit"
    FAMILY = "family"
    PUBLIC = "public"
    VILLAGE_HEADS = "village_heads"


class PartisanForm(StrEnum):
    """Forms of partisan activity (UU 7/2017 Pasal 283 ayat (2); PP 94/2021 Pasal 5 huruf n angka 6)."""

    MEETING = "meeting"
    INVITATION = "invitation"
    APPEAL = "appeal"
    CALL = "call"
    GIFT = "gift"
    FUNDRAISING = "fundraising"
    """Collecting money or goods for a campaign."""
    COERCION = "coercion"
    """Threats or coercion of colleagues or subordinates."""


class CampaignRole(StrEnum):
    PELAKSANA_KAMPANYE = "pelaksana_kampanye"
    TIM_KAMPANYE = "tim_kampanye"
    TIM_PEMENANGAN = "tim_pemenangan"
    TIM_AHLI = "tim_ahli"
    KONSULTAN = "konsultan"
    JURU_KAMPANYE = "juru_kampanye"


class Appointment(StrEnum):
    """How a campaign-team role was given."""

    FORMAL = "formal"
    """Appointed by a written decision (SK) or registered with the KPU."""
    INFORMAL = "informal"


class MaterialUse(StrEnum):
    """How campaign material was handled."""

    WORN = "worn"
    CARRIED = "carried"
    STORED = "stored"
    DISTRIBUTED = "distributed"


class Effect(StrEnum):
    FAVOURS = "favours"
    HARMS = "harms"
    NEITHER = "neither"
    """Neither favours nor harms a candidate: e.g. a campaign venue permission given to every participant on equal
    terms (Putusan MK 65/PUU-XXI/2023)."""


class Facility(StrEnum):
    VEHICLE = "vehicle"
    OFFICE = "office"
    BUDGET = "budget"
    EQUIPMENT = "equipment"
    PERSONNEL = "personnel"
    OTHER = "other"
