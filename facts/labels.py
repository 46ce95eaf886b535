"""Indonesian and English labels for every controlled-vocabulary value, for verdicts read by people.

Identifiers stay English in data and code; case officers read these labels instead.
"""

from __future__ import annotations

from enum import Enum

from netralitas.facts import vocabulary as v
from netralitas.text import LocalizedText

_LABELS: tuple[tuple[Enum, tuple[str, str]], ...] = (
    (v.ActKind.SOCIAL_MEDIA_POST, ("mengunggah di media sosial", "social-media post")),
    (v.ActKind.SOCIAL_MEDIA_LIKE, ("menyukai (like) unggahan", "social-media like")),
    (v.ActKind.SOCIAL_MEDIA_COMMENT, ("mengomentari unggahan", "social-media comment")),
    (v.ActKind.SOCIAL_MEDIA_SHARE, ("membagikan (share) unggahan", "social-media share")),
    (v.ActKind.SOCIAL_MEDIA_FOLLOW, ("mengikuti (follow) akun", "following an account")),
    (v.ActKind.SOCIAL_MEDIA_JOIN_GROUP, ("bergabung dalam grup", "joining a group")),
    (v.ActKind.SOCIAL_MEDIA_CAMPAIGN, ("sosialisasi/kampanye media sosial", "social-media campaigning")),
    (v.ActKind.BANNER_INSTALLATION, ("memasang spanduk/baliho/alat peraga", "putting up banners or campaign props")),
    (v.ActKind.PARTISAN_PHOTO, ("foto bersama yang menunjukkan keberpihakan", "partisan photo")),
    (v.ActKind.ATTEND_DECLARATION, ("menghadiri deklarasi", "attending a declaration")),
    (v.ActKind.ATTEND_CAMPAIGN, ("mengikuti kampanye", "attending a campaign")),
    (v.ActKind.MOBILISE_ASN, ("mengerahkan ASN lain", "mobilising other ASN")),
    (v.ActKind.STATE_FACILITY_USE, ("menggunakan fasilitas negara", "using state facilities")),
    (v.ActKind.FAVOURING_DECISION, ("keputusan/tindakan yang menguntungkan atau merugikan calon",
                                   "decision or action favouring or harming a candidate")),
    (v.ActKind.PARTISAN_ACTIVITY, ("kegiatan yang mengarah pada keberpihakan", "partisan activity")),
    (v.ActKind.SUPPORT_LETTER_WITH_ID, ("surat dukungan disertai fotokopi KTP", "support letter with ID card copy")),
    (v.ActKind.PARTY_APPROACH, ("mendekati partai politik sebagai bakal calon", "approaching a party as a would-be "
                               "candidate")),
    (v.ActKind.SELF_DECLARATION, ("mendeklarasikan diri sebagai bakal calon",
                                  "declaring oneself a would-be candidate")),
    (v.ActKind.CAMPAIGN_TEAM_ROLE, ("peran dalam tim kampanye/pemenangan", "campaign-team role")),
    (v.ActKind.PARTY_EVENT_SPEAKER, ("pembicara/narasumber kegiatan partai", "speaker at a party event")),
    (v.ActKind.ACCOMPANY_SPOUSE, ("mendampingi suami/istri calon", "accompanying a candidate spouse")),
    (v.ActKind.OFFICIAL_REPLACEMENT, ("penggantian pejabat", "replacing officials")),
    (v.ActKind.PROGRAMME_USE, ("menggunakan program/kegiatan pemerintah", "using government programmes")),
    (v.ActKind.RECORDED_DECLARATION, ("rekaman/video pernyataan dukungan", "recorded or video declaration of support")),
    (v.Attribute.PARTY, ("atribut partai", "party attributes")),
    (v.Attribute.ASN, ("atribut ASN", "ASN attributes")),
    (v.Attribute.CANDIDATE, ("atribut calon", "candidate attributes")),
    (v.Attribute.AGENCY, ("atribut instansi", "agency attributes")),
    (v.Attribute.CAMPAIGN_PROPS, ("alat peraga kampanye", "campaign props")),
    (v.Attribute.PARTISAN_BACKGROUND, ("latar belakang partisan", "partisan background")),
    (v.Audience.ASN_IN_UNIT, ("ASN di lingkungan unit kerja", "ASN in the work unit")),
    (v.Audience.FAMILY, ("anggota keluarga", "family members")),
    (v.Audience.PUBLIC, ("masyarakat", "the public")),
    (v.Audience.VILLAGE_HEADS, ("kepala desa", "village heads")),
    (v.Appointment.FORMAL, ("ditunjuk dengan SK/terdaftar", "formally appointed (SK) or registered")),
    (v.Appointment.INFORMAL, ("peran tidak resmi", "informal role")),
    (v.MaterialUse.WORN, ("dikenakan", "worn")),
    (v.MaterialUse.CARRIED, ("dibawa", "carried")),
    (v.MaterialUse.STORED, ("disimpan", "stored")),
    (v.MaterialUse.DISTRIBUTED, ("dibagikan", "distributed")),
    (v.CampaignRole.PELAKSANA_KAMPANYE, ("pelaksana kampanye", "campaign organiser")),
    (v.CampaignRole.TIM_KAMPANYE, ("tim kampanye", "campaign team")),
    (v.CampaignRole.TIM_PEMENANGAN, ("tim pemenangan", "winning team")),
    (v.CampaignRole.TIM_AHLI, ("tim ahli", "expert team")),
    (v.CampaignRole.KONSULTAN, ("konsultan", "consultant")),
    (v.CampaignRole.JURU_KAMPANYE, ("juru kampanye", "campaign speaker")),
    (v.Channel.SOCIAL_MEDIA, ("media sosial", "social media")),
    (v.Channel.MESSAGING_GROUP, ("grup percakapan", "messaging group")),
    (v.Channel.IN_PERSON, ("tatap muka", "in person")),
    (v.Channel.PRINT, ("media cetak", "print")),
    (v.Channel.BROADCAST, ("siaran", "broadcast")),
    (v.Channel.OFFICIAL_CHANNEL, ("saluran resmi instansi", "official agency channel")),
    (v.Effect.FAVOURS, ("menguntungkan", "favours")),
    (v.Effect.HARMS, ("merugikan", "harms")),
    (v.Effect.NEITHER, ("tidak menguntungkan maupun merugikan", "neither favours nor harms")),
    (v.ElectionKind.PEMILU, ("pemilu", "general election")),
    (v.ElectionKind.PEMILIHAN, ("pemilihan kepala daerah", "regional head election")),
    (v.EmploymentStatus.PNS, ("PNS", "civil servant (PNS)")),
    (v.EmploymentStatus.CPNS, ("CPNS", "candidate civil servant (CPNS)")),
    (v.EmploymentStatus.PPPK, ("PPPK", "contract civil servant (PPPK)")),
    (v.EmploymentStatus.PPPK_PARUH_WAKTU, ("PPPK paruh waktu", "part-time contract civil servant (PPPK paruh waktu)")),
    (v.EmploymentStatus.NON_ASN, ("bukan ASN", "not an ASN")),
    (v.Facility.VEHICLE, ("kendaraan dinas", "official vehicle")),
    (v.Facility.OFFICE, ("kantor/ruang dinas", "office premises")),
    (v.Facility.BUDGET, ("anggaran", "budget")),
    (v.Facility.EQUIPMENT, ("peralatan dinas", "official equipment")),
    (v.Facility.PERSONNEL, ("pegawai/personel", "staff")),
    (v.Facility.OTHER, ("fasilitas lain", "other facility")),
    (v.Gesture.THUMB_UP, ("jempol", "thumb up")),
    (v.Gesture.INDEX_FINGER, ("satu jari telunjuk", "index finger")),
    (v.Gesture.PEACE_SIGN, ("dua jari (tanda V)", "two fingers (V sign)")),
    (v.Gesture.THREE_FINGERS, ("tiga jari", "three fingers")),
    (v.Gesture.FOUR_FINGERS, ("empat jari", "four fingers")),
    (v.Gesture.FIVE_FINGERS, ("lima jari", "five fingers")),
    (v.Gesture.METAL, ("salam metal", "metal sign")),
    (v.Gesture.FINGER_GUN, ("jari membentuk pistol", "finger gun")),
    (v.Gesture.PHONE_SIGN, ("tanda telepon", "phone sign")),
    (v.Gesture.FINGER_HEART, ("love jari (finger heart)", "finger heart")),
    (v.Gesture.OK_SIGN, ("tanda OK", "OK sign")),
    (v.Gesture.CLENCHED_FIST, ("tangan mengepal", "clenched fist")),
    (v.Gesture.HAND_ON_CHEST, ("tangan di dada", "hand on chest")),
    (v.Gesture.OTHER_PARTISAN_SYMBOL, ("simbol keberpihakan lain", "other partisan symbol")),
    (v.Office.SEKRETARIS_DAERAH, ("sekretaris daerah", "regional secretary")),
    (v.Office.KEPALA_DINAS, ("kepala dinas", "head of a regional agency")),
    (v.Office.KEPALA_BADAN, ("kepala badan", "head of a regional board")),
    (v.Office.KEPALA_BIDANG, ("kepala bidang", "head of division")),
    (v.Office.KEPALA_SEKSI, ("kepala seksi", "head of section")),
    (v.Office.SEKRETARIS_DESA, ("sekretaris desa", "village secretary")),
    (v.Office.CAMAT, ("camat", "district head (camat)")),
    (v.Office.LURAH, ("lurah", "urban village head (lurah)")),
    (v.Office.KEPALA_SEKOLAH, ("kepala sekolah", "school principal")),
    (v.Office.GURU, ("guru", "teacher")),
    (v.Office.DOSEN, ("dosen", "lecturer")),
    (v.Office.TENAGA_KESEHATAN, ("tenaga kesehatan", "health worker")),
    (v.Office.PENYULUH, ("penyuluh", "extension officer")),
    (v.Office.KEPALA_DAERAH, ("kepala daerah", "regional head")),
    (v.Office.PENJABAT_KEPALA_DAERAH, ("penjabat kepala daerah", "acting regional head")),
    (v.Office.OTHER, ("jabatan lain", "other office")),
    (v.PartisanForm.MEETING, ("pertemuan", "meeting")),
    (v.PartisanForm.INVITATION, ("ajakan", "invitation")),
    (v.PartisanForm.APPEAL, ("imbauan/seruan", "appeal")),
    (v.PartisanForm.CALL, ("seruan", "call")),
    (v.PartisanForm.GIFT, ("pemberian barang", "gift")),
    (v.PartisanForm.FUNDRAISING, ("mengumpulkan uang/barang untuk kampanye",
                                  "collecting money or goods for a campaign")),
    (v.PartisanForm.COERCION, ("ancaman/paksaan kepada rekan atau bawahan", "threats or coercion of colleagues or "
                                                                        "subordinates")),
    (v.PartyRole.MEMBER, ("anggota", "member")),
    (v.PartyRole.OFFICER, ("pengurus", "officer")),
    (v.Phase.BEFORE_DETERMINATION, ("sebelum penetapan calon", "before candidate determination")),
    (v.Phase.AFTER_DETERMINATION, ("setelah penetapan calon, sebelum kampanye", "after determination, before the "
                                  "campaign")),
    (v.Phase.CAMPAIGN, ("masa kampanye", "campaign period")),
    (v.Phase.QUIET_PERIOD, ("masa tenang", "quiet period")),
    (v.Phase.VOTING_DAY, ("hari pemungutan suara", "voting day")),
    (v.Phase.AFTER_VOTING, ("setelah pemungutan suara", "after voting")),
    (v.PositionClass.JPT_UTAMA, ("JPT utama", "senior executive (utama)")),
    (v.PositionClass.JPT_MADYA, ("JPT madya", "senior executive (madya)")),
    (v.PositionClass.JPT_PRATAMA, ("JPT pratama", "senior executive (pratama)")),
    (v.PositionClass.ADMINISTRATOR, ("administrator", "administrator")),
    (v.PositionClass.PENGAWAS, ("pengawas", "supervisor")),
    (v.PositionClass.FUNGSIONAL, ("fungsional", "functional")),
    (v.PositionClass.PELAKSANA, ("pelaksana", "staff")),
    (v.Race.PRESIDEN, ("presiden dan wakil presiden", "president and vice-president")),
    (v.Race.DPR, ("DPR", "DPR")),
    (v.Race.DPD, ("DPD", "DPD")),
    (v.Race.DPRD_PROVINSI, ("DPRD provinsi", "provincial DPRD")),
    (v.Race.DPRD_KABKOTA, ("DPRD kabupaten/kota", "regency/city DPRD")),
    (v.Race.DPRD, ("DPRD (tingkat tidak diketahui)", "DPRD (level unknown)")),
    (v.Race.LEGISLATIF, ("pemilu legislatif (DPR/DPD/DPRD)", "legislative election (DPR/DPD/DPRD)")),
    (v.Race.GUBERNUR, ("gubernur", "governor")),
    (v.Race.BUPATI, ("bupati", "regent")),
    (v.Race.WALI_KOTA, ("wali kota", "mayor")),
    (v.Standing.BAKAL_CALON, ("bakal calon", "prospective candidate (bakal calon)")),
    (v.Standing.CALON, ("calon", "candidate (calon)")),
    (v.TargetKind.CANDIDATE, ("calon", "candidate")),
    (v.TargetKind.PARTY, ("partai politik", "political party")),
    (v.TargetKind.CAMPAIGN_TEAM, ("tim kampanye", "campaign team")),
)



_BY_KIND: dict[tuple[type[Enum], str], tuple[str, str]] = {(type(m), str(m.value)): w for m, w in _LABELS}
"""Keyed by vocabulary and value: str-valued members of different vocabularies compare equal ('party')."""


def label(member: Enum) -> LocalizedText:
    """The label of a vocabulary value."""
    words = _BY_KIND.get((type(member), str(member.value)))
    if words is None:
        return LocalizedText(id=str(member.value), en=str(member.value))
    return LocalizedText(id=words[0], en=words[1])


def labelled_members() -> frozenset[tuple[type[Enum], str]]:
    """Every labelled (vocabulary, value) pair (for the test that each value has a label)."""
    return frozenset(_BY_KIND)
