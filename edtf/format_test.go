package edtf

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct {
		in         string
		en, az, ru string
	}{
		{"2023", "2023", "2023", "2023"},
		{"2023-08", "August 2023", "avqust 2023", "август 2023"},
		{"2024-01-31", "31 January 2024", "31 yanvar 2024", "31 января 2024"},
		{"2025-05-06", "6 May 2025", "6 may 2025", "6 мая 2025"},
		{"2025-05-06~", "around 6 May 2025", "təxminən 6 may 2025", "около 6 мая 2025"},
		{"2023-08~", "around August 2023", "təxminən avqust 2023", "около августа 2023"},
		{"2023~", "around 2023", "təxminən 2023", "около 2023 года"},
		{"2023?", "possibly 2023", "ehtimal ki, 2023", "предположительно 2023"},
		{"2023-08?", "possibly August 2023", "ehtimal ki, avqust 2023", "предположительно август 2023"},
		{"2024-02-29?", "possibly 29 February 2024", "ehtimal ki, 29 fevral 2024", "предположительно 29 февраля 2024"},
		{"2023%", "possibly around 2023", "ehtimal ki, təxminən 2023", "предположительно около 2023 года"},
		{"2023-03%", "possibly around March 2023", "ehtimal ki, təxminən mart 2023", "предположительно около марта 2023"},
		{"201X", "the 2010s", "2010-cu illər", "2010-е годы"},
		{"202X", "the 2020s", "2020-ci illər", "2020-е годы"},
		{"200X", "the 2000s", "2000-ci illər", "2000-е годы"},
		{"199X", "the 1990s", "1990-cı illər", "1990-е годы"},
		{"198X", "the 1980s", "1980-ci illər", "1980-е годы"},
		{"197X", "the 1970s", "1970-ci illər", "1970-е годы"},
		{"196X", "the 1960s", "1960-cı illər", "1960-е годы"},
		{"195X", "the 1950s", "1950-ci illər", "1950-е годы"},
		{"194X", "the 1940s", "1940-cı illər", "1940-е годы"},
		{"193X", "the 1930s", "1930-cu illər", "1930-е годы"},
		{"190X", "the 1900s", "1900-cü illər", "1900-е годы"},
		{"201X~", "around the 2010s", "təxminən 2010-cu illər", "около 2010-х годов"},
		{"201X?", "possibly the 2010s", "ehtimal ki, 2010-cu illər", "предположительно 2010-е годы"},
		{"19XX", "the 20th century", "XX əsr", "XX век"},
		{"20XX", "the 21st century", "XXI əsr", "XXI век"},
		{"18XX~", "around the 19th century", "təxminən XIX əsr", "около XIX века"},
		{"2023-XX", "2023", "2023", "2023"},
		{"2023-XX-XX", "2023", "2023", "2023"},
		{"2023-XX~", "around 2023", "təxminən 2023", "около 2023 года"},
		{"2023-08-XX", "August 2023", "avqust 2023", "август 2023"},
		{"2023-08-XX~", "around August 2023", "təxminən avqust 2023", "около августа 2023"},
		{"0987", "987", "987", "987"},
		// seasons
		{"2023-21", "spring 2023", "yaz 2023", "весна 2023"},
		{"2023-22", "summer 2023", "yay 2023", "лето 2023"},
		{"2023-23", "autumn 2023", "payız 2023", "осень 2023"},
		{"2023-24", "winter 2023/24", "qış 2023/24", "зима 2023/24"},
		{"2099-24", "winter 2099/00", "qış 2099/00", "зима 2099/00"},
		// dates with a time of day, and the zone when the source gave one
		{"2025-05-14T09:30", "14 May 2025, 09:30", "14 may 2025, 09:30", "14 мая 2025, 09:30"},
		{"2025-05-14T09:30:15Z", "14 May 2025, 09:30:15 UTC", "14 may 2025, 09:30:15 UTC", "14 мая 2025, 09:30:15 UTC"},
		{"2025-05-14T09:30+04", "14 May 2025, 09:30 UTC+04:00", "14 may 2025, 09:30 UTC+04:00", "14 мая 2025, 09:30 UTC+04:00"},
		{"2025-05-14T09:30-0530", "14 May 2025, 09:30 UTC-05:30", "14 may 2025, 09:30 UTC-05:30", "14 мая 2025, 09:30 UTC-05:30"},
		// intervals: an event on some day between the two
		{"2025-05-06/2025-05-14", "between 6 and 14 May 2025", "6 ilə 14 may 2025 arasında", "между 6 и 14 мая 2025"},
		{"2025-05-06/2025-06-02", "between 6 May 2025 and 2 June 2025",
			"6 may 2025 ilə 2 iyun 2025 arasında", "в период с 6 мая 2025 по 2 июня 2025"},
		{"2023-08/2024-01", "between August 2023 and January 2024",
			"avqust 2023 ilə yanvar 2024 arasında", "в период с августа 2023 по январь 2024"},
		{"2023/2024", "between 2023 and 2024", "2023 ilə 2024 arasında", "в период с 2023 года по 2024 год"},
		{"2025-05-06~/2025-05-14", "between around 6 May 2025 and 14 May 2025",
			"təxminən 6 may 2025 ilə 14 may 2025 arasında", "в период с примерно 6 мая 2025 по 14 мая 2025"},
		{"2004-06?/2004-08%", "between possibly June 2004 and possibly around August 2004",
			"ehtimal ki, iyun 2004 ilə ehtimal ki, təxminən avqust 2004 arasında",
			"в период с предположительно июня 2004 по предположительно примерно август 2004"},
		{"2025-05-14T09:30/2025-05-15", "between 14 May 2025, 09:30 and 15 May 2025",
			"14 may 2025, 09:30 ilə 15 may 2025 arasında", "в период с 14 мая 2025, 09:30 по 15 мая 2025"},
		{"2025-05/..", "May 2025 or later", "may 2025 və ya daha sonra", "май 2025 или позже"},
		{"2025-05~/", "around May 2025 or later", "təxminən may 2025 və ya daha sonra", "около мая 2025 или позже"},
		{"../2025-05-14", "14 May 2025 or earlier", "14 may 2025 və ya daha əvvəl", "14 мая 2025 или раньше"},
		{"/2025", "2025 or earlier", "2025 və ya daha əvvəl", "2025 или раньше"},
	}
	for _, tt := range tests {
		d := MustParse(tt.in)
		for _, c := range []struct{ lang, want string }{{"en", tt.en}, {"az", tt.az}, {"ru", tt.ru}} {
			if got := d.Format(c.lang); got != c.want {
				t.Errorf("MustParse(%q).Format(%q) = %q, want %q", tt.in, c.lang, got, c.want)
			}
		}
	}
}

func TestFormatAllMonths(t *testing.T) {
	en := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	az := []string{"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"}
	ruNom := []string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
	ruGen := []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	for m := 1; m <= 12; m++ {
		month := Date{point: point{year: 2023, month: uint8(m), parts: 2}}
		dayDate := Date{point: point{year: 2023, month: uint8(m), day: 1, parts: 3}}
		checks := []struct{ got, want string }{
			{month.Format("en"), en[m-1] + " 2023"},
			{month.Format("az"), az[m-1] + " 2023"},
			{month.Format("ru"), ruNom[m-1] + " 2023"},
			{dayDate.Format("ru"), "1 " + ruGen[m-1] + " 2023"},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("month %d: got %q, want %q", m, c.got, c.want)
			}
		}
	}
}

func TestFormatLanguage(t *testing.T) {
	d := MustParse("2024-01-31")
	tests := []struct{ lang, want string }{
		{"ru-RU", "31 января 2024"},
		{"RU", "31 января 2024"},
		{"az-Latn-AZ", "31 yanvar 2024"},
		{"az_AZ", "31 yanvar 2024"},
		{"en-GB", "31 January 2024"},
		{"de", "31 January 2024"},
		{"", "31 January 2024"},
	}
	for _, tt := range tests {
		if got := d.Format(tt.lang); got != tt.want {
			t.Errorf("Format(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestOrdinalSuffixAz(t *testing.T) {
	tests := map[int]string{
		0: "cı", 1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu",
		10: "cu", 20: "ci", 30: "cu", 40: "cı", 50: "ci", 60: "cı", 70: "ci", 80: "ci", 90: "cı",
		100: "cü", 1000: "ci", 2000: "ci", 1900: "cü", 2010: "cu", 2023: "cü", 2026: "cı",
	}
	for n, want := range tests {
		if got := ordinalSuffixAz(n); got != want {
			t.Errorf("ordinalSuffixAz(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOrdinalEnAndRoman(t *testing.T) {
	en := map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 20: "20th", 21: "21st", 22: "22nd", 100: "100th", 101: "101st", 111: "111th"}
	for n, want := range en {
		if got := ordinalEn(n); got != want {
			t.Errorf("ordinalEn(%d) = %q, want %q", n, got, want)
		}
	}
	romans := map[int]string{1: "I", 4: "IV", 9: "IX", 14: "XIV", 19: "XIX", 20: "XX", 21: "XXI", 40: "XL", 90: "XC", 100: "C"}
	for n, want := range romans {
		if got := roman(n); got != want {
			t.Errorf("roman(%d) = %q, want %q", n, got, want)
		}
	}
}
