"""Glossary titles in several scripts, for tests of sorting, filing and the letter bar.

Each entry is (title, "sort as" reading or "", ASCII slug)."""

JAPANESE = [
    ("データベース", "", "detabesu"),
    ("データ", "", "deta"),
    ("デプロイ", "", "depuroi"),
    ("キャッシュ", "", "kyasshu"),
    ("ガベージコレクション", "", "gabeji-korekushon"),
    ("カーネル", "", "kaneru"),
    ("コンテナ", "", "kontena"),
    ("関数", "かんすう", "kansu"),
    ("変数", "へんすう", "hensu"),
    ("配列", "", "hairetsu"),
    ("ハッシュ", "", "hasshu"),
    ("バッファ", "", "baffa"),
    ("パケット", "", "paketto"),
    ("ピクセル", "", "pikuseru"),
    ("ポート", "", "poto"),
    ("しきい値", "", "shikiichi"),
    ("アルゴリズム", "", "arugorizumu"),
    ("ネットワーク", "", "nettowaku"),
    ("メモリ", "", "memori"),
    ("ユーザー", "", "yuza"),
    ("ルーター", "", "ruta"),
    ("ワーカー", "", "waka"),
    ("API ゲートウェイ", "", "api-geto-wei"),
    ("HTTP", "", "http-ja"),
    ("3D セキュア", "", "3d-sekyua"),
]

KOREAN = [
    ("데이터베이스", "", "deiteobeiseu"),
    ("가상 머신", "", "gasang-meosin"),
    ("그래프", "", "geuraepeu"),
    ("깃", "", "git"),
    ("서버", "", "seobeo"),
    ("쓰레드", "", "sseuredeu"),
    ("해시", "", "haesi"),
]

RUSSIAN = [
    ("Алгоритм", "", "algoritm"),
    ("База данных", "", "baza-dannykh"),
    ("Ёмкость", "", "yomkost"),
    ("Единица", "", "edinitsa"),
    ("Йоттабайт", "", "yottabait"),
    ("Кэш", "", "kesh"),
]

GREEK = [
    ("Αλγόριθμος", "", "algorithmos"),
    ("Σύστημα", "", "systima"),
    ("Ωρολόγιο", "", "orologio"),
]

GERMAN = [
    ("Äquivalenz", "", "aequivalenz"),
    ("Abfrage", "", "abfrage"),
    ("Übertragung", "", "uebertragung"),
    ("Straße", "", "strasse"),
    ("2FA", "", "2fa"),
    ("JSON", "", "json"),
]
