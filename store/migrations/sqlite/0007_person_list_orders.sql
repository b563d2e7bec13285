-- habeas: derived state unchanged
-- Every filter of the people lists in every order, read from one index:
-- without these, a rare status listed by silence walks the whole order
-- to fill a page (115 ms at 100,000 people instead of 0.4 ms).
CREATE INDEX person_list_country_news ON person_list (access, country, last_news, person_id);
CREATE INDEX person_list_country_arrest ON person_list (access, country, arrest, person_id);
CREATE INDEX person_list_status_news ON person_list (access, status, last_news, person_id);
CREATE INDEX person_list_status_arrest ON person_list (access, status, arrest, person_id);
CREATE INDEX person_list_classification_name ON person_list (access, classification, sort_name, person_id);
CREATE INDEX person_list_classification_news ON person_list (access, classification, last_news, person_id);
CREATE INDEX person_list_classification_arrest ON person_list (access, classification, arrest, person_id);
CREATE INDEX person_list_facility_news ON person_list (access, facility_id, last_news, person_id);
CREATE INDEX person_list_facility_arrest ON person_list (access, facility_id, arrest, person_id);
