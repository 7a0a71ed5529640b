package fakeaws

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

type secret struct {
	name, arn, value, version string
	created                   time.Time
}

var secretNamePattern = regexp.MustCompile(`^[A-Za-z0-9/_+=.@!-]{1,512}$`)

// CreateSecret stores a secret string and returns its ARN.
func (s *Server) CreateSecret(name, secretString string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.createSecret(name, secretString).arn
}

func (s *Server) createSecret(name, secretString string) *secret {
	sec := &secret{name: name, value: secretString, version: newID(), created: s.now().UTC(),
		arn: "arn:aws:secretsmanager:" + Region + ":" + Account + ":secret:" + name + "-" + newID()[:6]}
	s.secrets[name] = sec
	return sec
}

var errNoSecret = jsonError(400, "ResourceNotFoundException", "", "Secrets Manager can't find the specified secret.")

func (s *Server) secretsManager(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch action {
	case "CreateSecret":
		return s.createSecretAPI(in)
	case "ListSecrets":
		return s.listSecrets()
	}
	sec := s.secretByID(in)
	if sec == nil {
		return errNoSecret
	}
	switch action {
	case "GetSecretValue":
		return jsonAnswer(obj(member("ARN", sec.arn), member("CreatedDate", epochSeconds(sec.created)), member("Name", sec.name),
			member("SecretString", sec.value), member("VersionId", sec.version), member("VersionStages", []value.Value{"AWSCURRENT"})))
	case "DescribeSecret":
		return jsonAnswer(obj(member("ARN", sec.arn), member("CreatedDate", epochSeconds(sec.created)), member("Name", sec.name)))
	case "PutSecretValue", "UpdateSecret":
		sec.value, _ = text(in, "SecretString")
		sec.version = newID()
		return jsonAnswer(obj(member("ARN", sec.arn), member("Name", sec.name), member("VersionId", sec.version)))
	case "DeleteSecret":
		delete(s.secrets, sec.name)
		return jsonAnswer(obj(member("ARN", sec.arn), member("DeletionDate", epochSeconds(s.now())), member("Name", sec.name)))
	}
	return jsonError(400, "UnknownOperationException", "", "")
}

func (s *Server) createSecretAPI(in *value.Object) answer {
	name, _ := text(in, "Name")
	if !secretNamePattern.MatchString(name) {
		return jsonError(400, "ValidationException", "",
			"Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!")
	}
	if _, exists := s.secrets[name]; exists {
		return jsonError(400, "ResourceExistsException", "", "The operation failed because the secret "+name+" already exists.")
	}
	str, _ := text(in, "SecretString")
	sec := s.createSecret(name, str)
	return jsonAnswer(obj(member("ARN", sec.arn), member("Name", sec.name), member("VersionId", sec.version)))
}

func (s *Server) secretByID(in *value.Object) *secret {
	id, _ := text(in, "SecretId")
	for _, sec := range s.secrets {
		if sec.name == id || sec.arn == id || strings.HasPrefix(id, "arn:") && strings.HasPrefix(sec.arn, id) {
			return sec
		}
	}
	return nil
}

func (s *Server) listSecrets() answer {
	names := make([]string, 0, len(s.secrets))
	for n := range s.secrets {
		names = append(names, n)
	}
	slices.Sort(names)
	list := make([]value.Value, 0, len(names))
	for _, n := range names {
		sec := s.secrets[n]
		list = append(list, obj(member("ARN", sec.arn), member("CreatedDate", epochSeconds(sec.created)), member("Name", sec.name)))
	}
	return jsonAnswer(obj(member("SecretList", list)))
}
