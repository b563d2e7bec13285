package edtf

import "testing"

func TestFormatOnAndSince(t *testing.T) {
	tests := []struct {
		in, lang, on, since string
	}{
		{"2025-05-06", "en", "on 6 May 2025", "since 6 May 2025"},
		{"2025-05", "en", "in May 2025", "since May 2025"},
		{"2025-05-07~", "en", "around 7 May 2025", "since around 7 May 2025"},
		{"2025-05-06/2025-05-14", "en", "between 6 and 14 May 2025", "since some day between 6 and 14 May 2025"},
		{"2025-05/..", "en", "in May 2025 or later", "since May 2025 or later"},
		{"../2025-05", "en", "in May 2025 or earlier", "since May 2025 or earlier"},
		{"201X", "en", "in the 2010s", "since the 2010s"},

		{"2025-05-06", "ru", "6 мая 2025", "с 6 мая 2025"},
		{"2025-05", "ru", "в мае 2025", "с мая 2025"},
		{"2025", "ru", "в 2025 году", "с 2025 года"},
		{"2025-05-07~", "ru", "около 7 мая 2025", "примерно с 7 мая 2025"},
		{"2023-21", "ru", "весной 2023", "с весны 2023"},
		{"201X", "ru", "в 2010-х годах", "с 2010-х годов"},
		{"19XX", "ru", "в XX веке", "с XX века"},
		{"2025-05-06/2025-05-14", "ru", "между 6 и 14 мая 2025", "с одного из дней между 6 и 14 мая 2025"},
		{"2025-05/..", "ru", "в мае 2025 или позже", "с мая 2025 или позже"},

		{"2025-05-06", "az", "6 may 2025", "6 may 2025 tarixindən bəri"},
		{"2025-05-06/2025-05-14", "az", "6 ilə 14 may 2025 arasında", "6 ilə 14 may 2025 arasında bir gündən bəri"},
		{"2025-05-06", "ru-RU", "6 мая 2025", "с 6 мая 2025"},
	}
	for _, tt := range tests {
		d := MustParse(tt.in)
		if got := d.FormatOn(tt.lang); got != tt.on {
			t.Errorf("MustParse(%q).FormatOn(%q) = %q, want %q", tt.in, tt.lang, got, tt.on)
		}
		if got := d.FormatSince(tt.lang); got != tt.since {
			t.Errorf("MustParse(%q).FormatSince(%q) = %q, want %q", tt.in, tt.lang, got, tt.since)
		}
	}
	if (Date{}).FormatOn("en") != "" || (Date{}).FormatSince("ru") != "" {
		t.Error("the zero Date must give no phrase")
	}
}
