// A grpc-go server (v1alpha reflection only, as grpc-go 1.33 offers) for Loupe's reflection
// tests. It prints "listening <port>" once it accepts connections on 127.0.0.1.
package main

import (
	"context"
	"fmt"
	"net"
	"os"

	"github.com/golang/protobuf/proto"
	"google.golang.org/grpc"
	"google.golang.org/grpc/reflection"

	pb "loupetest/catalogpb"
)

type catalog struct {
	pb.UnimplementedCatalogServer
}

func (catalog) GetItem(_ context.Context, req *pb.GetItemRequest) (*pb.Item, error) {
	item := &pb.Item{Id: req.Id, Name: proto.String("Teapot")}
	if err := proto.SetExtension(item, pb.E_Priority, proto.Int32(7)); err != nil {
		return nil, err
	}
	if err := proto.SetExtension(item, pb.E_Label, &pb.Label{Text: proto.String("fragile")}); err != nil {
		return nil, err
	}
	return item, nil
}

func main() {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s := grpc.NewServer()
	pb.RegisterCatalogServer(s, catalog{})
	reflection.Register(s)
	fmt.Printf("listening %d\n", lis.Addr().(*net.TCPAddr).Port)
	if err := s.Serve(lis); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
