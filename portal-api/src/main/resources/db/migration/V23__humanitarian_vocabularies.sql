-- A document's evidence and humanitarian metadata beyond its study design (V21): the stable codes of four controlled
-- vocabularies whose terms live in portal-indexer's org.alima.portal.indexer.vocabulary enums (health topic = ICD-11
-- chapters, population, setting, intervention type), repeated here in CHECKs so that no path can store a code the API
-- would refuse; and free text for what a vocabulary lacks (for health topics, the existing free topics). A code is
-- never renamed: a new one is added with a new migration that widens its CHECK.
ALTER TABLE documents
    ADD COLUMN health_topics text[] NOT NULL DEFAULT '{}'
        CONSTRAINT documents_health_topics_codes CHECK (health_topics <@ ARRAY['infectious', 'blood', 'nutritional_metabolic', 'mental', 'nervous', 'circulatory', 'respiratory', 'digestive', 'skin', 'sexual_health', 'pregnancy', 'perinatal', 'injury', 'health_services']::text[]),
    ADD COLUMN populations text[] NOT NULL DEFAULT '{}'
        CONSTRAINT documents_populations_codes CHECK (populations <@ ARRAY['newborns', 'children_under_five', 'school_age_children', 'adolescents', 'pregnant_women', 'women_of_reproductive_age', 'older_people', 'displaced_people', 'refugees', 'host_communities', 'health_workers', 'people_with_disabilities']::text[]),
    ADD COLUMN populations_other text[] NOT NULL DEFAULT '{}',
    ADD COLUMN settings text[] NOT NULL DEFAULT '{}'
        CONSTRAINT documents_settings_codes CHECK (settings <@ ARRAY['camp', 'community', 'rural', 'urban', 'rural_health_centre', 'urban_health_centre', 'hospital', 'mobile_clinic', 'nutrition_centre', 'school', 'conflict_area']::text[]),
    ADD COLUMN settings_other text[] NOT NULL DEFAULT '{}',
    ADD COLUMN interventions text[] NOT NULL DEFAULT '{}'
        CONSTRAINT documents_interventions_codes CHECK (interventions <@ ARRAY['vaccination', 'treatment', 'nutrition', 'wash', 'vector_control', 'health_promotion', 'mental_health_support', 'surveillance', 'maternal_newborn_care', 'family_planning', 'diagnosis', 'training', 'health_system']::text[]),
    ADD COLUMN interventions_other text[] NOT NULL DEFAULT '{}';
